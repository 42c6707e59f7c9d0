using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

/// <summary>Checks usage reports on both databases: groupings, exact money, timelines, percentiles and the roll-up that outlives raw records.</summary>
public abstract class UsageQueryTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Aggregate_ThousandsOfTinyAmounts_SumsExactly()
    {
        await Store.MigrateAsync(Ct);
        var records = Enumerable.Range(0, 3000)
            .Select(i => Record($"r{i}", Day0.AddSeconds(i), "alice", "m1") with { ProviderCost = 0.000000165m, UserPrice = 0.1m })
            .ToList();
        await Store.Usage.InsertAsync(records, Ct);

        var total = Assert.Single(await Store.Usage.AggregateAsync(new UsageQuery(Day0, Day0.AddDays(1)), UsageGrouping.None, Ct)).Totals;

        Assert.Equal(3000, total.Requests);
        Assert.Equal(0.000495m, total.ProviderCost);
        Assert.Equal(300m, total.UserPrice);
        Assert.Equal(300m - 0.000495m, total.Margin);
    }

    [Fact]
    public async Task Aggregate_ByEachDimension_GroupsAndFiltersByUserAndRange()
    {
        await Store.MigrateAsync(Ct);
        await Store.Usage.InsertAsync(
        [
            Record("a1", Day0.AddHours(1), "alice", "m1", agent: "bot", platform: "p1", virtualKey: 7, keyId: 70),
            Record("a2", Day0.AddHours(2), "alice", "m2", agent: null, platform: "p2", virtualKey: 7, keyId: 71) with { Status = "error", ErrorType = "upstream_timeout" },
            Record("b1", Day0.AddHours(3), "bob", "m1", agent: "bot", platform: "p1", virtualKey: null, keyId: 70) with { Protocol = "gemini" },
            Record("old", Day0.AddDays(-3), "alice", "m1"),
        ], Ct);
        var day = new UsageQuery(Day0, Day0.AddDays(1));

        var byModel = await Store.Usage.AggregateAsync(day, UsageGrouping.Model, Ct);
        Assert.Equal([("m1", 2L), ("m2", 1L)], byModel.Select(g => (g.Key, g.Totals.Requests)));
        Assert.Equal(1, byModel.Single(g => g.Key == "m2").Totals.Errors);

        var aliceByModel = await Store.Usage.AggregateAsync(day with { UserId = "alice" }, UsageGrouping.Model, Ct);
        Assert.Equal([("m1", 1L), ("m2", 1L)], aliceByModel.Select(g => (g.Key, g.Totals.Requests)));

        Assert.Equal(["bot", null], (await Store.Usage.AggregateAsync(day, UsageGrouping.Agent, Ct)).Select(g => g.Key).OrderBy(k => k is null));
        Assert.Equal(["p1", "p2"], (await Store.Usage.AggregateAsync(day, UsageGrouping.Platform, Ct)).Select(g => g.Key));
        Assert.Equal(["openai"], (await Store.Usage.AggregateAsync(day, UsageGrouping.Provider, Ct)).Select(g => g.Key));
        Assert.Equal(["7", null], (await Store.Usage.AggregateAsync(day, UsageGrouping.VirtualKey, Ct)).Select(g => g.Key).OrderBy(k => k is null));
        Assert.Equal(["70", "71"], (await Store.Usage.AggregateAsync(day, UsageGrouping.UpstreamKey, Ct)).Select(g => g.Key));
        Assert.Equal([("alice", 2L), ("bob", 1L)], (await Store.Usage.AggregateAsync(day, UsageGrouping.User, Ct)).Select(g => (g.Key, g.Totals.Requests)));
        Assert.Equal([("anthropic-messages", 2L), ("gemini", 1L)], (await Store.Usage.AggregateAsync(day, UsageGrouping.Protocol, Ct)).Select(g => (g.Key, g.Totals.Requests)));
        Assert.Equal(4, Assert.Single(await Store.Usage.AggregateAsync(new UsageQuery(DateTimeOffset.UnixEpoch, Day0.AddYears(1)), UsageGrouping.None, Ct)).Totals.Requests);
        Assert.Empty(await Store.Usage.AggregateAsync(day with { UserId = "nobody" }, UsageGrouping.None, Ct));
    }

    [Fact]
    public async Task Timeline_ByHourAndByLocalDay_BucketsAtTheRightBoundaries()
    {
        await Store.MigrateAsync(Ct);
        await Store.Usage.InsertAsync(
        [
            Record("h0a", Day0.AddMinutes(5), "alice", "m1"),
            Record("h0b", Day0.AddMinutes(59), "alice", "m1"),
            Record("h3", Day0.AddHours(3).AddMinutes(1), "alice", "m1"),
            Record("h17", Day0.AddHours(17), "alice", "m1"),
        ], Ct);
        var range = new UsageQuery(Day0.AddDays(-1), Day0.AddDays(2));

        var hourly = await Store.Usage.TimelineAsync(range, UsageInterval.Hour, TimeSpan.Zero, Ct);
        Assert.Equal([(Day0, 2L), (Day0.AddHours(3), 1L), (Day0.AddHours(17), 1L)], hourly.Select(b => (b.Start, b.Totals.Requests)));

        // In UTC+8 the day starts at 16:00 UTC, so the 17:00 record belongs to the next local day.
        var china = TimeSpan.FromHours(8);
        var daily = await Store.Usage.TimelineAsync(range, UsageInterval.Day, china, Ct);
        Assert.Equal(
            [(new DateTimeOffset(2026, 11, 1, 0, 0, 0, china), 3L), (new DateTimeOffset(2026, 11, 2, 0, 0, 0, china), 1L)],
            daily.Select(b => (b.Start, b.Totals.Requests)));
        Assert.All(daily, b => Assert.Equal(china, b.Start.Offset));
    }

    [Fact]
    public async Task Purge_OldRecords_LeavesTheRollupsAndIdenticalTotals()
    {
        await Store.MigrateAsync(Ct);
        var records = Enumerable.Range(0, 500)
            .Select(i => Record($"r{i}", Day0.AddMinutes(i * 17), i % 3 == 0 ? "alice" : "bob", i % 2 == 0 ? "m1" : "m2", agent: i % 5 == 0 ? null : "bot", virtualKey: i % 4 == 0 ? null : 9, keyId: i % 7 == 0 ? null : 70)
                with { ProviderCost = 0.0000031m * (i + 1), UserPrice = 0.01m, Status = i % 11 == 0 ? "error" : "success", TimeToFirstTokenMs = i % 2 == 0 ? 50 : null, Protocol = i % 3 == 1 ? "openai-responses" : "anthropic-messages" })
            .ToList();
        await Store.Usage.InsertAsync(records, Ct);
        var all = new UsageQuery(DateTimeOffset.UnixEpoch, Day0.AddYears(1));
        var before = await SnapshotAsync(all);
        var rollupRows = await ScalarAsync("SELECT COUNT(*) FROM usage_hourly") + await ScalarAsync("SELECT COUNT(*) FROM usage_daily");

        var cutoff = Day0.AddDays(3).AddMinutes(30);
        var result = await Store.Usage.RollUpAndPurgeAsync(cutoff, Ct);

        Assert.Equal(Day0.AddDays(3), result.Cutoff);
        var rolled = records.Count(r => r.Timestamp < Day0.AddDays(3));
        Assert.Equal(rolled, result.RecordsRolledUp);
        Assert.Equal(500 - rolled, await Store.Usage.CountAsync(Ct));
        Assert.Equal(0, result.HourlyRowsWritten);
        Assert.Equal(rollupRows, await ScalarAsync("SELECT COUNT(*) FROM usage_hourly") + await ScalarAsync("SELECT COUNT(*) FROM usage_daily"));
        Assert.Equal(before, await SnapshotAsync(all));

        // A late record for an hour whose raw records are purged joins its rollup rows when written, and the next run purges it.
        await Store.Usage.InsertAsync([Record("late", Day0.AddMinutes(3), "alice", "m1") with { ProviderCost = 1.5m }], Ct);
        var again = await Store.Usage.RollUpAndPurgeAsync(cutoff, Ct);
        Assert.Equal(1, again.RecordsRolledUp);
        var total = Assert.Single(await Store.Usage.AggregateAsync(all, UsageGrouping.None, Ct)).Totals;
        Assert.Equal(501, total.Requests);
        Assert.Equal(records.Sum(r => r.ProviderCost) + 1.5m, total.ProviderCost);
        Assert.Equal(0, (await Store.Usage.RollUpAndPurgeAsync(cutoff, Ct)).RecordsRolledUp);
    }

    [Fact]
    public async Task Performance_PerModelAndSource_GivesInterpolatedPercentilesOfSuccessesOnly()
    {
        await Store.MigrateAsync(Ct);
        var records = Enumerable.Range(1, 100)
            .Select(i => Record($"p{i}", Day0.AddSeconds(i), "alice", "m1", platform: "fast") with { LatencyMs = i * 10, TimeToFirstTokenMs = i })
            .Append(Record("slow", Day0.AddSeconds(200), "alice", "m1", platform: "slow") with { LatencyMs = 5000, TimeToFirstTokenMs = null })
            .Append(Record("err", Day0.AddSeconds(201), "alice", "m1", platform: "fast") with { LatencyMs = 1, Status = "error" })
            .ToList();
        await Store.Usage.InsertAsync(records, Ct);

        var performance = await Store.Usage.PerformanceAsync(new UsageQuery(Day0, Day0.AddDays(1)), Ct);

        Assert.Equal(["fast", "slow"], performance.Select(p => p.Platform));
        var fast = performance[0];
        Assert.Equal(("m1", 101L, 1L), (fast.Model, fast.Requests, fast.Errors));
        Assert.Equal(new LatencyPercentiles(505, 950.5, 990.1, 505, 100), fast.Latency);
        Assert.Equal(50.5, fast.TimeToFirstToken!.P50);
        Assert.Null(performance[1].TimeToFirstToken);
        Assert.Equal(5000, performance[1].Latency!.P99);
    }

    [Fact]
    public async Task Alerts_InsertListAndMarkDelivered_RoundTrip()
    {
        await Store.MigrateAsync(Ct);
        var first = new AlertRecord { Kind = "quota_threshold", Subject = "alice", Message = "Alice is at 90%.", Value = 9, Threshold = 8, DedupKey = "quota_threshold:alice", CreatedAt = Day0 };
        var firstId = await Store.Usage.InsertAlertAsync(first, Ct);
        var secondId = await Store.Usage.InsertAlertAsync(first with { Kind = "cost_anomaly", Severity = "critical", DedupKey = "cost_anomaly:provider_cost", CreatedAt = Day0.AddHours(1) }, Ct);

        await Store.Usage.MarkAlertDeliveredAsync(firstId, Day0.AddMinutes(1), Ct);

        var listed = await Store.Usage.ListAlertsAsync(Day0, 10, Ct);
        Assert.Equal([secondId, firstId], listed.Select(a => a.Id));
        Assert.Equal(first with { Id = firstId, DeliveredAt = Day0.AddMinutes(1) }, listed[1]);
        Assert.Equal(("critical", (DateTimeOffset?)null), (listed[0].Severity, listed[0].DeliveredAt));
        Assert.Equal([secondId], (await Store.Usage.ListAlertsAsync(Day0.AddMinutes(30), 10, Ct)).Select(a => a.Id));
    }

    private async Task<List<string>> SnapshotAsync(UsageQuery query)
    {
        var lines = new List<string>();
        foreach (var grouping in Enum.GetValues<UsageGrouping>())
        {
            lines.AddRange((await Store.Usage.AggregateAsync(query, grouping, Ct)).Select(g => $"{grouping}:{g.Key}:{g.Totals}"));
        }

        lines.AddRange((await Store.Usage.TimelineAsync(query, UsageInterval.Day, TimeSpan.Zero, Ct)).Select(b => $"day:{b.Start:O}:{b.Totals}"));
        return lines;
    }

    private static UsageRecord Record(string id, DateTimeOffset at, string user, string model, string? agent = "bot", string platform = "p1", long? virtualKey = 7, long? keyId = 70) =>
        TestData.Usage(id, at, user) with
        {
            CatalogModel = model,
            AgentName = agent,
            Platform = platform,
            VirtualKeyId = virtualKey,
            KeyId = keyId,
        };
}
