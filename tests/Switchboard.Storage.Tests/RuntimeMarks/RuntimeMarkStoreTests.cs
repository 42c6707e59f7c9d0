using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.RuntimeMarks;

/// <summary>Checks <c>runtime_marks</c> on each database: one row per kind, subject and model, stamped by the database, read by change, purged when ended.</summary>
public abstract class RuntimeMarkStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddMinutes(5);

    [Fact]
    public async Task Write_SameKindSubjectAndModel_ReplacesTheRow_OthersAreSeparate()
    {
        var marks = await MigratedAsync();

        await marks.WriteAsync(
            [
                Cooldown(7, "gpt-a", Later),
                Cooldown(7, "gpt-b", Later),
                Cooldown(7, "", Later),
                new RuntimeMark { Kind = RuntimeMarkKinds.InvalidKey, SubjectId = 7, Reason = "Authentication (HTTP 401)", Fingerprint = "0123456789abcdef", Replica = "r1" },
            ],
            Ct);
        await marks.WriteAsync([Cooldown(7, "gpt-a", Later.AddMinutes(1)) with { Replica = "r2" }], Ct);

        var rows = await marks.ReadChangedAsync(null, 100, Ct);
        Assert.Equal(4, rows.Count);
        var replaced = rows.Single(r => r.Kind == RuntimeMarkKinds.Cooldown && r.Model == "gpt-a");
        Assert.Equal((Later.AddMinutes(1).ToUnixTimeMilliseconds(), "r2"), (replaced.Until!.Value.ToUnixTimeMilliseconds(), replaced.Replica));
        var invalid = rows.Single(r => r.Kind == RuntimeMarkKinds.InvalidKey);
        Assert.Equal((null, "Authentication (HTTP 401)", "0123456789abcdef"), (invalid.Until, invalid.Reason, invalid.Fingerprint));
        Assert.Equal(rows.OrderBy(r => r.UpdatedAt), rows);
    }

    [Fact]
    public async Task Write_AnInvalidMarkObservedBeforeARevalidation_DoesNotUndoIt_ALaterOneDoes()
    {
        var marks = await MigratedAsync();
        var revalidatedAt = DateTimeOffset.UtcNow;
        await marks.WriteAsync([new RuntimeMark { Kind = RuntimeMarkKinds.InvalidKey, SubjectId = 9, Until = revalidatedAt, Reason = "revalidated", Replica = "a" }], Ct);

        // A replica cut off from the database writes the 401 it saw before the admin revalidated: the revalidation stands.
        await marks.WriteAsync([Invalid(9, observedAt: revalidatedAt.AddSeconds(-30), replica: "b")], Ct);
        var row = (await marks.ReadChangedAsync(null, 100, Ct)).Single();
        Assert.Equal(("revalidated", "a"), (row.Reason, row.Replica));
        Assert.NotNull(row.Until);

        // A 401 seen after the revalidation marks the key invalid again.
        await marks.WriteAsync([Invalid(9, observedAt: revalidatedAt.AddSeconds(5), replica: "b")], Ct);
        row = (await marks.ReadChangedAsync(null, 100, Ct)).Single();
        Assert.Equal(("Authentication (HTTP 401)", "b"), (row.Reason, row.Replica));
        Assert.Null(row.Until);
    }

    private static RuntimeMark Invalid(long keyId, DateTimeOffset observedAt, string replica) => new()
    {
        Kind = RuntimeMarkKinds.InvalidKey,
        SubjectId = keyId,
        Reason = "Authentication (HTTP 401)",
        Fingerprint = "0123456789abcdef",
        Replica = replica,
        ObservedAt = observedAt,
    };

    [Fact]
    public async Task ReadChanged_ReturnsOnlyRowsWrittenAfterTheGivenStamp()
    {
        var marks = await MigratedAsync();
        await marks.WriteAsync([Cooldown(1, "m", Later)], Ct);
        var first = (await marks.ReadChangedAsync(null, 100, Ct)).Single();
        Assert.InRange(first.UpdatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        await Task.Delay(20, Ct);
        await marks.WriteAsync([Cooldown(2, "m", Later)], Ct);

        var changed = await marks.ReadChangedAsync(first.UpdatedAt, 100, Ct);
        Assert.Equal([2L], changed.Select(r => r.SubjectId));
        Assert.Single(await marks.ReadChangedAsync(null, 1, Ct));
    }

    [Fact]
    public async Task DeleteExpired_RemovesEndedMarksAndInvalidMarksOfDeletedKeys()
    {
        var marks = await MigratedAsync();
        await Store.Configuration.SeedAsync([TestData.Platform("pool", ["chat"], "k1")], [], SeedMode.AddMissing, Ct);
        var keyId = (await Store.Configuration.LoadAsync(Ct)).Keys.Single().Id;
        var now = DateTimeOffset.UtcNow;
        await marks.WriteAsync(
            [
                Cooldown(1, "ended", now.AddHours(-2)),
                Cooldown(1, "running", now.AddMinutes(5)),
                new RuntimeMark { Kind = RuntimeMarkKinds.InvalidKey, SubjectId = keyId, Replica = "r1" },
                new RuntimeMark { Kind = RuntimeMarkKinds.InvalidKey, SubjectId = keyId + 1000, Replica = "r1" },
            ],
            Ct);

        Assert.Equal(2, await marks.DeleteExpiredAsync(now.AddHours(-1), Ct));

        var left = await marks.ReadChangedAsync(null, 100, Ct);
        Assert.Equal(["running", ""], left.OrderBy(r => r.Kind).Select(r => r.Model));
        Assert.Contains(left, r => r.Kind == RuntimeMarkKinds.InvalidKey && r.SubjectId == keyId);
    }

    private async Task<IRuntimeMarkStore> MigratedAsync()
    {
        await Store.MigrateAsync(Ct);
        return Store.RuntimeMarks;
    }

    private static RuntimeMark Cooldown(long subject, string model, DateTimeOffset until) =>
        new() { Kind = RuntimeMarkKinds.Cooldown, SubjectId = subject, Model = model, Until = until, Reason = "RateLimited (HTTP 429)", Replica = "r1" };
}
