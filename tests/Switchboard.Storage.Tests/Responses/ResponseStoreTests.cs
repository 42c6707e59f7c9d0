using System.Text;
using Switchboard.Abstractions.Responses;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Responses;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Responses;

public abstract class ResponseStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    // Whole milliseconds: SQLite keeps instants to the millisecond.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    [Fact]
    public async Task Save_ThenGet_RoundTripsEveryField_IncludingMegabytesOfJson()
    {
        var store = await MigratedAsync();
        var first = Response("resp_1", "owner-a");

        // Several megabytes of multi-byte text, as a long conversation with pasted documents reaches.
        var big = "[{\"role\":\"user\",\"content\":\"" + string.Concat(Enumerable.Repeat("通义千问 résumé ✓ ", 200_000)) + "\"}]";
        var second = Response("resp_2", "owner-a") with { PreviousResponseId = "resp_1", InputJson = big, Model = "qwen/通义flash" };
        Assert.True(Encoding.UTF8.GetByteCount(big) > 4_000_000);

        await store.SaveAsync(first, Ct);
        await store.SaveAsync(second, Ct);

        Assert.Equal(first, await store.GetAsync("resp_1", "owner-a", Ct));
        Assert.Equal(second, await store.GetAsync("resp_2", "owner-a", Ct));
    }

    [Fact]
    public async Task Get_AnotherOwnersMissingOrExpiredResponse_ReadsAsNull()
    {
        var store = await MigratedAsync();
        await store.SaveAsync(Response("resp_live", "owner-a"), Ct);
        await store.SaveAsync(Response("resp_expired", "owner-a") with { ExpiresAt = Now.AddSeconds(-1) }, Ct);

        Assert.Null(await store.GetAsync("resp_live", "owner-b", Ct));
        Assert.Null(await store.GetAsync("resp_missing", "owner-a", Ct));
        Assert.Null(await store.GetAsync("resp_expired", "owner-a", Ct));
        Assert.NotNull(await store.GetAsync("resp_live", "owner-a", Ct));
    }

    [Fact]
    public async Task Save_TheSameIdAgain_ReplacesTheOwnersRow_ButNeverAnotherOwners()
    {
        var store = await MigratedAsync();
        var original = Response("resp_1", "owner-a");
        await store.SaveAsync(original, Ct);

        var completed = original with { ResponseJson = "{\"id\":\"resp_1\",\"status\":\"completed\"}", ExpiresAt = Now.AddDays(60) };
        await store.SaveAsync(completed, Ct);
        Assert.Equal(completed, await store.GetAsync("resp_1", "owner-a", Ct));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.SaveAsync(completed with { Owner = "owner-b", ResponseJson = "{}" }, Ct));
        Assert.Equal(completed, await store.GetAsync("resp_1", "owner-a", Ct));
        Assert.Null(await store.GetAsync("resp_1", "owner-b", Ct));
    }

    [Fact]
    public async Task Delete_RemovesOnlyTheOwnersLiveResponse()
    {
        var store = await MigratedAsync();
        await store.SaveAsync(Response("resp_1", "owner-a"), Ct);
        await store.SaveAsync(Response("resp_expired", "owner-a") with { ExpiresAt = Now.AddSeconds(-1) }, Ct);

        Assert.False(await store.DeleteAsync("resp_1", "owner-b", Ct));
        Assert.NotNull(await store.GetAsync("resp_1", "owner-a", Ct));
        Assert.False(await store.DeleteAsync("resp_expired", "owner-a", Ct));
        Assert.False(await store.DeleteAsync("resp_missing", "owner-a", Ct));

        Assert.True(await store.DeleteAsync("resp_1", "owner-a", Ct));
        Assert.Null(await store.GetAsync("resp_1", "owner-a", Ct));
        Assert.False(await store.DeleteAsync("resp_1", "owner-a", Ct));
    }

    [Fact]
    public async Task PurgeExpired_DeletesEveryRowExpiredAtOrBeforeNow_AcrossSeveralBatches_AndKeepsTheRest()
    {
        var store = await MigratedAsync();
        var cutoff = Now.AddDays(-1);
        var expired = (2 * ResponseStore.PurgeBatch) + 3;
        for (var i = 0; i < expired; i++)
        {
            await store.SaveAsync(Response($"resp_old_{i}", "owner-" + (i % 3)) with { ExpiresAt = cutoff.AddMinutes(-i) }, Ct);
        }

        await store.SaveAsync(Response("resp_at_cutoff", "owner-a") with { ExpiresAt = cutoff }, Ct);
        await store.SaveAsync(Response("resp_after_cutoff", "owner-a") with { ExpiresAt = cutoff.AddMilliseconds(1) }, Ct);
        await store.SaveAsync(Response("resp_live", "owner-a"), Ct);

        Assert.Equal(expired + 1, await store.PurgeExpiredAsync(cutoff, Ct));

        Assert.Equal(2, await ScalarAsync("SELECT COUNT(*) FROM stored_responses"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM stored_responses WHERE id = 'resp_after_cutoff'"));
        Assert.NotNull(await store.GetAsync("resp_live", "owner-a", Ct));
        Assert.Equal(0, await store.PurgeExpiredAsync(cutoff, Ct));
        Assert.Equal(1, await IndexCountAsync("ix_stored_responses_expires_at"));
    }

    private static StoredResponse Response(string id, string owner) => new()
    {
        Id = id,
        Owner = owner,
        Model = "gpt-4o",
        CreatedAt = Now.AddMinutes(-1),
        ExpiresAt = Now.AddDays(30),
        InputJson = "[{\"role\":\"user\",\"content\":\"Hello\"}]",
        ResponseJson = $"{{\"id\":\"{id}\",\"object\":\"response\",\"output\":[]}}",
    };

    private async Task<IResponseStore> MigratedAsync()
    {
        await Store.MigrateAsync(Ct);
        return Store.Responses;
    }
}
