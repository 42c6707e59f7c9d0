using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

public abstract class UsageTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Insert_BatchOf10000_CountsEveryRecord()
    {
        await Store.MigrateAsync(Ct);

        await Store.Usage.InsertAsync(TestData.UsageBatch("big", 10_000, TestData.T0), Ct);

        Assert.Equal(10_000, await Store.Usage.CountAsync(Ct));
        var newest = await Store.Usage.QueryAsync(TestData.T0, TestData.T0.AddHours(1), null, 1, Ct);
        Assert.Equal(TestData.Usage("big-9999", TestData.T0.AddMilliseconds(9999), "user_3"), Assert.Single(newest));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(500)]
    public async Task Insert_DuplicateRequestIds_AreNotDoubleCounted(int batchSize)
    {
        await Store.MigrateAsync(Ct);
        var batch = TestData.UsageBatch("dup", batchSize, TestData.T0);

        await Store.Usage.InsertAsync(batch, Ct);
        await Store.Usage.InsertAsync(batch, Ct);
        await Store.Usage.InsertAsync([.. batch, .. TestData.UsageBatch("more", 3, TestData.T0), TestData.Usage("more-0", TestData.T0.AddDays(1))], Ct);

        Assert.Equal(batchSize + 3, await Store.Usage.CountAsync(Ct));
        var replayed = await Store.Usage.QueryAsync(TestData.T0, TestData.T0.AddDays(2), null, 10_000, Ct);
        Assert.Equal(batchSize + 3, replayed.Count);
        Assert.DoesNotContain(replayed, r => r.Timestamp == TestData.T0.AddDays(1));
    }

    [Fact]
    public async Task Insert_BatchWithAnInvalidRow_FailsWhole_AndTheNextBatchIsStored()
    {
        await Store.MigrateAsync(Ct);
        var valid = TestData.UsageBatch("ok", 3, TestData.T0);
        var invalid = TestData.Usage("bad", TestData.T0) with { RequestedModel = null! }; // NOT NULL column

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Store.Usage.InsertAsync([.. valid, invalid], Ct));
        Assert.Equal(0, await Store.Usage.CountAsync(Ct));

        await Store.Usage.InsertAsync(valid, Ct);
        Assert.Equal(3, await Store.Usage.CountAsync(Ct));
    }

    [Fact]
    public async Task Query_ByRangeAndUser_ReturnsNewestFirstWithinLimit()
    {
        await Store.MigrateAsync(Ct);
        var records = Enumerable.Range(0, 10)
            .Select(h => TestData.Usage($"r{h}", TestData.T0.AddHours(h), h % 2 == 0 ? "alice" : "bob"))
            .ToList();
        await Store.Usage.InsertAsync(records, Ct);

        var range = await Store.Usage.QueryAsync(TestData.T0.AddHours(2), TestData.T0.AddHours(6), null, 100, Ct);
        Assert.Equal(["r5", "r4", "r3", "r2"], range.Select(r => r.RequestId));

        var alice = await Store.Usage.QueryAsync(TestData.T0, TestData.T0.AddHours(10), "alice", 100, Ct);
        Assert.Equal(["r8", "r6", "r4", "r2", "r0"], alice.Select(r => r.RequestId));

        var limited = await Store.Usage.QueryAsync(TestData.T0, TestData.T0.AddHours(10), "bob", 2, Ct);
        Assert.Equal(["r9", "r7"], limited.Select(r => r.RequestId));

        var otherOffset = await Store.Usage.QueryAsync(TestData.T0.ToOffset(TimeSpan.FromHours(8)), TestData.T0.AddHours(1).ToOffset(TimeSpan.FromHours(-5)), null, 100, Ct);
        Assert.Equal(["r0"], otherOffset.Select(r => r.RequestId));

        Assert.Empty(await Store.Usage.QueryAsync(TestData.T0, TestData.T0.AddHours(10), "nobody", 100, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Usage.QueryAsync(TestData.T0, TestData.T0, null, 0, Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public async Task Insert_RoundTripsEveryFieldExactly(int filler)
    {
        await Store.MigrateAsync(Ct);
        var full = TestData.Usage("full", TestData.T0.ToOffset(TimeSpan.FromHours(8)));
        var sparse = new UsageRecord
        {
            RequestId = "sparse",
            Timestamp = TestData.T0.AddSeconds(1),
            RequestedModel = "gpt-4o",
            Endpoint = "embeddings",
            UsageSource = UsageSource.Partial,
            ProviderCost = 0.1m + 0.2m,
            UserPrice = 1234567890.0123456789m,
            Status = "cancelled",
            ErrorType = "client_disconnected",
            HttpStatus = 499,
        };

        await Store.Usage.InsertAsync([full, sparse, .. TestData.UsageBatch("filler", filler, TestData.T0.AddDays(-1))], Ct);

        var stored = await Store.Usage.QueryAsync(TestData.T0, TestData.T0.AddMinutes(1), null, 10, Ct);
        Assert.Equal([sparse, full with { Timestamp = full.Timestamp.ToUniversalTime() }], stored);
        Assert.Equal(TimeSpan.Zero, stored[1].Timestamp.Offset);
        Assert.Equal(0.3m, stored[0].ProviderCost);
    }
}
