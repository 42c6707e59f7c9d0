using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

/// <summary>Checks the agent, slot and model filters of usage queries on both databases, over raw records and hourly rollups alike.</summary>
public abstract class UsageFilterTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Filters_AgentSlotAndModel_SelectExactlyTheirRecords_BeforeAndAfterRollUp()
    {
        await Store.MigrateAsync(Ct);
        await Store.Usage.InsertAsync(
        [
            Record("a", "alice", agent: "writer", slot: "fast", model: "m1"),
            Record("b", "alice", agent: "writer", slot: "main", model: "m1"),
            Record("c", "alice", agent: null, slot: "fast", model: "m2"),
            Record("d", "alice", agent: "reader", slot: null, model: "m1"),
            Record("e", "bob", agent: "writer", slot: "fast", model: "m1"),
        ], Ct);
        var all = new UsageQuery(DateTimeOffset.UnixEpoch, Day0.AddYears(1));

        async Task<long> CountAsync(UsageQuery query) =>
            (await Store.Usage.AggregateAsync(query, UsageGrouping.None, Ct)).Sum(g => g.Totals.Requests);

        async Task AssertCountsAsync()
        {
            Assert.Equal(2, await CountAsync(all with { UserId = "alice", AgentName = "writer" }));
            Assert.Equal(1, await CountAsync(all with { UserId = "alice", AgentName = "writer", Slot = "fast" }));
            Assert.Equal(1, await CountAsync(all with { UserId = "alice", AgentName = "" }));
            Assert.Equal(1, await CountAsync(all with { UserId = "alice", Slot = "" }));
            Assert.Equal(3, await CountAsync(all with { UserId = "alice", CatalogModel = "m1" }));
            Assert.Equal(3, await CountAsync(all with { AgentName = "writer" }));
            Assert.Equal(0, await CountAsync(all with { AgentName = "nobody" }));
        }

        await AssertCountsAsync();
        var timeline = await Store.Usage.TimelineAsync(all with { UserId = "alice", AgentName = "writer" }, UsageInterval.Day, TimeSpan.Zero, Ct);
        Assert.Equal(2, timeline.Sum(b => b.Totals.Requests));
        var performance = await Store.Usage.PerformanceAsync(all with { UserId = "alice", CatalogModel = "m2" }, Ct);
        Assert.Equal(1, Assert.Single(performance).Requests);

        // Rollups store a missing agent or slot as '' rather than NULL; the filters must read both the same way.
        Assert.Equal(5, (await Store.Usage.RollUpAndPurgeAsync(Day0.AddDays(2), Ct)).RecordsRolledUp);
        await AssertCountsAsync();
    }

    private static UsageRecord Record(string id, string user, string? agent, string? slot, string model) =>
        TestData.Usage(id, Day0.AddHours(1), user) with { AgentName = agent, Slot = slot, CatalogModel = model };
}
