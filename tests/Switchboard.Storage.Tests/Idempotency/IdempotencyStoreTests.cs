using Switchboard.Abstractions.Idempotency;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Idempotency;

/// <summary>Checks the idempotency key store on both databases: one winner per key, exact replays, take-over of abandoned and expired keys.</summary>
public abstract class IdempotencyStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Now = TestData.T0;

    [Fact]
    public async Task Claim_ThenRepeat_InProgressUntilCompleted_ThenReplaysExactly()
    {
        var store = await CreateAsync();
        var first = Request("k1", "hash-a");

        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(first, Ct)).Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync(Request("k1", "hash-a"), Ct)).Outcome);

        byte[] body = [0, 1, 2, 255, .. "{\"id\":\"chatcmpl-1\",\"text\":\"你好\"}"u8];
        var answer = new IdempotentResponse(200, new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Request-Id"] = "req-1" }, body);
        Assert.True(await store.CompleteAsync(first.Scope, first.Key, first.ClaimToken, answer, Ct));

        var replay = await store.ClaimAsync(Request("k1", "hash-a"), Ct);
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal(200, replay.Response!.StatusCode);
        Assert.Equal(answer.Headers, replay.Response.Headers);
        Assert.Equal(body, replay.Response.Body);
    }

    [Fact]
    public async Task Claim_SameKeyOtherHash_IsKeyReused_InFlightAndAfterCompletion()
    {
        var store = await CreateAsync();
        var first = Request("k1", "hash-a");
        await store.ClaimAsync(first, Ct);

        Assert.Equal(IdempotencyOutcome.KeyReused, (await store.ClaimAsync(Request("k1", "hash-b"), Ct)).Outcome);
        await store.CompleteAsync(first.Scope, first.Key, first.ClaimToken, new IdempotentResponse(400, new Dictionary<string, string>(), []), Ct);
        Assert.Equal(IdempotencyOutcome.KeyReused, (await store.ClaimAsync(Request("k1", "hash-b"), Ct)).Outcome);
    }

    [Fact]
    public async Task Claim_OtherScope_NeverSeesTheKey()
    {
        var store = await CreateAsync();
        await store.ClaimAsync(Request("k1", "hash-a", scope: "7:alice"), Ct);

        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(Request("k1", "hash-b", scope: "8:alice"), Ct)).Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(Request("k1", "hash-a", scope: "-:bob"), Ct)).Outcome);
    }

    [Fact]
    public async Task Release_FreesTheKey_ButNotAnotherHoldersClaimOrACompletedAnswer()
    {
        var store = await CreateAsync();
        var first = Request("k1", "hash-a");
        await store.ClaimAsync(first, Ct);

        Assert.False(await store.ReleaseAsync(first.Scope, first.Key, "someone-else", Ct));
        Assert.True(await store.ReleaseAsync(first.Scope, first.Key, first.ClaimToken, Ct));
        var second = Request("k1", "hash-b");
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(second, Ct)).Outcome);

        await store.CompleteAsync(second.Scope, second.Key, second.ClaimToken, new IdempotentResponse(200, new Dictionary<string, string>(), [1]), Ct);
        Assert.False(await store.ReleaseAsync(second.Scope, second.Key, second.ClaimToken, Ct));
        Assert.Equal(IdempotencyOutcome.Replay, (await store.ClaimAsync(Request("k1", "hash-b"), Ct)).Outcome);
    }

    [Fact]
    public async Task Claim_AbandonedClaim_IsTakenOver_AndTheOldHolderCannotCompleteIt()
    {
        var store = await CreateAsync();
        var crashed = Request("k1", "hash-a");
        await store.ClaimAsync(crashed, Ct);

        var later = Request("k1", "hash-a", at: Now + TimeSpan.FromMinutes(11));
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(later, Ct)).Outcome);

        Assert.False(await store.CompleteAsync(crashed.Scope, crashed.Key, crashed.ClaimToken, new IdempotentResponse(200, new Dictionary<string, string>(), [1]), Ct));
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.ClaimAsync(Request("k1", "hash-a", at: later.Now), Ct)).Outcome);
    }

    [Fact]
    public async Task Claim_ExpiredAnswer_IsForgotten_AndPurgeDeletesOnlyExpiredKeys()
    {
        var store = await CreateAsync();
        var old = Request("old", "hash-a");
        await store.ClaimAsync(old, Ct);
        await store.CompleteAsync(old.Scope, old.Key, old.ClaimToken, new IdempotentResponse(200, new Dictionary<string, string>(), [1]), Ct);
        await store.ClaimAsync(Request("fresh", "hash-a", at: Now + TimeSpan.FromHours(20)), Ct);

        var afterRetention = Now + TimeSpan.FromHours(25);
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.ClaimAsync(Request("old", "hash-new", at: afterRetention), Ct)).Outcome);

        Assert.Equal(0, await store.PurgeExpiredAsync(afterRetention, Ct));
        Assert.Equal(2, await store.PurgeExpiredAsync(afterRetention + TimeSpan.FromDays(2), Ct));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM idempotency_keys"));
    }

    [Fact]
    public async Task Complete_WithoutBody_ReplaysTheStatusAndNoBody()
    {
        var store = await CreateAsync();
        var first = Request("big", "hash-a");
        await store.ClaimAsync(first, Ct);

        await store.CompleteAsync(first.Scope, first.Key, first.ClaimToken, new IdempotentResponse(200, new Dictionary<string, string>(), null), Ct);

        var replay = await store.ClaimAsync(Request("big", "hash-a"), Ct);
        Assert.Equal((IdempotencyOutcome.Replay, 200, (byte[]?)null), (replay.Outcome, replay.Response!.StatusCode, replay.Response.Body));
    }

    [Fact]
    public async Task Claim_ManyStoresRacingOnOneKey_ExactlyOneWins()
    {
        await Store.MigrateAsync(Ct);
        var databases = Enumerable.Range(0, 8).Select(_ => SwitchboardStorage.Create(ConnectionString)).ToList();
        try
        {
            using var start = new Barrier(databases.Count);
            var claims = await Task.WhenAll(databases.Select(database => Task.Run(async () =>
            {
                var store = database.Idempotency;
                start.SignalAndWait(Ct);
                return (await store.ClaimAsync(Request("race", "hash-a"), Ct)).Outcome;
            })));

            Assert.Equal(1, claims.Count(c => c == IdempotencyOutcome.Claimed));
            Assert.Equal(databases.Count - 1, claims.Count(c => c == IdempotencyOutcome.InProgress));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    private static IdempotencyClaimRequest Request(string key, string hash, string scope = "7:alice", DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        return new IdempotencyClaimRequest(scope, key, hash, Guid.NewGuid().ToString("N"), now, now + TimeSpan.FromMinutes(10), now + TimeSpan.FromHours(24));
    }

    private async Task<IIdempotencyStore> CreateAsync()
    {
        await Store.MigrateAsync(Ct);
        return Store.Idempotency;
    }
}
