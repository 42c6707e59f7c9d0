using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

/// <summary>
/// Checks the usage overview on both databases: totals and every bucket (empty ones too) match the records, latency and
/// time-to-first-token percentiles computed in SQL equal the interpolated ones per bucket and for the range, top lists rank
/// by requests and by cost within their limit, rolled-up hours still count in the sums but not the percentiles, and the
/// user filter and the bounds hold.
/// </summary>
public abstract class UsageOverviewTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    // An hour boundary, so 15-minute buckets start exactly here.
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Overview_SumsEveryBucket_FillsEmptyOnes_AndComputesInterpolatedPercentilesPerBucketAndRange()
    {
        await Store.MigrateAsync(Ct);
        // Bucket 0 (08:00-08:15): latencies 1..100 ms (ttft on even ones), plus two errors that must not count in percentiles.
        // Bucket 1 is empty. Bucket 2 (08:30-08:45): latencies 1000 and 3000.
        var records = Enumerable.Range(1, 100)
            .Select(i => Record($"a{i}", Start.AddSeconds(i), latency: i, ttft: i % 2 == 0 ? i / 2.0 : null))
            .Concat([
                Record("e1", Start.AddSeconds(200), latency: 99_999) with { Status = "error" },
                Record("e2", Start.AddSeconds(201), latency: 0.5) with { Status = "cancelled" },
                Record("b1", Start.AddMinutes(31), latency: 1000, ttft: 10),
                Record("b2", Start.AddMinutes(32), latency: 3000, ttft: 30),
            ])
            .ToList();
        await Store.Usage.InsertAsync(records, Ct);

        var overview = await Store.UsageOverview.OverviewAsync(Query(Start, Start.AddMinutes(45)), Ct);

        Assert.Equal(104, overview.Totals.Requests);
        Assert.Equal(2, overview.Totals.Errors);
        Assert.Equal(records.Sum(r => r.ProviderCost), overview.Totals.ProviderCost);
        Assert.Equal(records.Sum(r => r.UserPrice), overview.Totals.UserPrice);
        Assert.Equal(records.Sum(r => r.Tokens.InputTokens), overview.Totals.InputTokens);

        Assert.Equal([Start, Start.AddMinutes(15), Start.AddMinutes(30)], overview.Buckets.Select(b => b.Start));
        var (first, empty, last) = (overview.Buckets[0], overview.Buckets[1], overview.Buckets[2]);
        Assert.Equal((102L, 2L), (first.Totals.Requests, first.Totals.Errors));
        Assert.Equal(new LatencyPercentiles(50.5, 95.05, 99.01, 50.5, 100), first.Latency);
        // TTFT 1..50: rank 0.5*49 = 24.5 -> 25.5; 0.95*49 = 46.55 -> 47.55; 0.99*49 = 48.51 -> 49.51.
        Assert.Equal(new LatencyPercentiles(25.5, 47.55, 49.51, 25.5, 50), first.TimeToFirstToken);
        Assert.Equal(UsageTotals.Empty, empty.Totals);
        Assert.Null(empty.Latency);
        Assert.Null(empty.TimeToFirstToken);
        Assert.Equal(2, last.Totals.Requests);
        Assert.Equal(new LatencyPercentiles(2000, 2900, 2980, 2000, 2), last.Latency);

        // The range: 102 successes, 1..100 then 1000 and 3000; rank 0.95 * 101 = 95.95 -> 96 + 0.95 = 96.95.
        Assert.Equal(102, overview.Latency!.Count);
        Assert.Equal((51.5, 96.95), (overview.Latency.P50, overview.Latency.P95));
        Assert.Equal(Math.Round((5050 + 4000) / 102.0, 3), overview.Latency.Average);
        Assert.Equal(52, overview.TimeToFirstToken!.Count);
    }

    [Fact]
    public async Task Overview_RanksTopGroupsByRequestsAndByCost_WithinTheLimit_AndListsPlatformsAndUpstreamKeys()
    {
        await Store.MigrateAsync(Ct);
        var records = new List<UsageRecord>();
        // cheap: 5 requests at 0.01; dear: 2 at 1.00; mid: 3 at 0.10; rare: 1 at 0.001.
        foreach (var (model, count, cost, user, key) in new[] { ("cheap", 5, 0.01m, "u1", 1L), ("dear", 2, 1.00m, "u2", 2L), ("mid", 3, 0.10m, "u3", 3L), ("rare", 1, 0.001m, "u4", 4L) })
        {
            records.AddRange(Enumerable.Range(0, count).Select(i => Record($"{model}{i}", Start.AddMinutes(records.Count), latency: 10, user: user)
                with { CatalogModel = model, ProviderCost = cost, VirtualKeyId = key, KeyId = 100 + key, Platform = key % 2 == 0 ? "even" : "odd" }));
        }

        await Store.Usage.InsertAsync(records, Ct);
        var overview = await Store.UsageOverview.OverviewAsync(Query(Start, Start.AddHours(1), top: 3), Ct);

        Assert.Equal(["cheap", "mid", "dear"], overview.Models.ByRequests.Select(g => g.Key));
        Assert.Equal(["dear", "mid", "cheap"], overview.Models.ByCost.Select(g => g.Key));
        Assert.Equal(2.00m, overview.Models.ByCost[0].Totals.ProviderCost);
        Assert.Equal(["u1", "u3", "u2"], overview.Users.ByRequests.Select(g => g.Key));
        Assert.Equal(["2", "3", "1"], overview.Keys.ByCost.Select(g => g.Key));
        Assert.Equal([("even", 3L), ("odd", 8L)], overview.Platforms.Select(g => (g.Key, g.Totals.Requests)));
        Assert.Equal(["101", "102", "103", "104"], overview.UpstreamKeys.Select(g => g.Key));
        Assert.Equal(11, overview.Totals.Requests);
    }

    [Fact]
    public async Task Overview_RolledUpHoursCountInSumsButNotInPercentiles_AndTheUserFilterSelectsOnlyTheirRecords()
    {
        await Store.MigrateAsync(Ct);
        await Store.Usage.InsertAsync(
        [
            Record("old1", Start.AddMinutes(5), latency: 500, user: "alice"),
            Record("old2", Start.AddMinutes(6), latency: 700, user: "bob"),
            Record("new1", Start.AddHours(2).AddMinutes(5), latency: 40, user: "alice"),
            Record("new2", Start.AddHours(2).AddMinutes(6), latency: 60, user: "bob"),
        ], Ct);
        await Store.Usage.RollUpAndPurgeAsync(Start.AddHours(1), Ct);

        var overview = await Store.UsageOverview.OverviewAsync(Query(Start, Start.AddHours(3), bucket: TimeSpan.FromHours(1)), Ct);
        Assert.Equal(4, overview.Totals.Requests);
        Assert.Equal([2L, 0L, 2L], overview.Buckets.Select(b => b.Totals.Requests));
        Assert.Null(overview.Buckets[0].Latency);
        Assert.Equal((50.0, 2L), (overview.Latency!.P50, overview.Latency.Count));

        var alice = await Store.UsageOverview.OverviewAsync(Query(Start, Start.AddHours(3), bucket: TimeSpan.FromHours(1), user: "alice"), Ct);
        Assert.Equal([1L, 0L, 1L], alice.Buckets.Select(b => b.Totals.Requests));
        Assert.Equal((40.0, 1L), (alice.Latency!.P50, alice.Latency.Count));
        Assert.Equal(["alice"], alice.Users.ByRequests.Select(g => g.Key));
    }

    [Fact]
    public async Task Overview_AlignsBucketsToTheLocalOffset_AndRefusesUnboundedQueries()
    {
        await Store.MigrateAsync(Ct);
        await Store.Usage.InsertAsync([Record("x", Start.AddHours(17), latency: 5)], Ct);
        var china = TimeSpan.FromHours(8);

        // 2026-11-22 01:00 in UTC+8 is 2026-11-21 17:00 UTC: its day bucket starts at local midnight, 16:00 UTC the day before.
        var overview = await Store.UsageOverview.OverviewAsync(new UsageOverviewQuery(new UsageQuery(Start, Start.AddDays(1)), TimeSpan.FromDays(1), china, 5), Ct);
        Assert.Equal([new DateTimeOffset(2026, 11, 21, 0, 0, 0, china), new DateTimeOffset(2026, 11, 22, 0, 0, 0, china)], overview.Buckets.Select(b => b.Start));
        Assert.Equal([0L, 1L], overview.Buckets.Select(b => b.Totals.Requests));
        Assert.All(overview.Buckets, b => Assert.Equal(china, b.Start.Offset));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UsageOverview.OverviewAsync(Query(Start, Start.AddDays(2), bucket: TimeSpan.FromMinutes(1)), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UsageOverview.OverviewAsync(Query(Start, Start.AddHours(1), bucket: TimeSpan.FromSeconds(10)), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UsageOverview.OverviewAsync(Query(Start, Start), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UsageOverview.OverviewAsync(Query(Start, Start.AddHours(1), top: 51), Ct));
    }

    private static UsageOverviewQuery Query(DateTimeOffset from, DateTimeOffset to, TimeSpan? bucket = null, int top = 10, string? user = null) =>
        new(new UsageQuery(from, to, user), bucket ?? TimeSpan.FromMinutes(15), TimeSpan.Zero, top);

    private static UsageRecord Record(string id, DateTimeOffset at, double latency, double? ttft = null, string user = "user_1") =>
        TestData.Usage(id, at, user) with { LatencyMs = latency, TimeToFirstTokenMs = ttft, ProviderCost = 0.001m, UserPrice = 0.002m };
}
