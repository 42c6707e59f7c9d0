using System.Globalization;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Usage;

/// <summary>
/// Property-style checks that reports read from the rollups equal a scan of the records the test wrote: random records
/// (times, users, keys, models, statuses, protocols, tokens, costs), random ranges (whole and partial hours, UTC and local
/// day boundaries at whole, half-hour and negative offsets), every grouping, the filters, both timelines and the overview,
/// before and after the retention purge.
/// </summary>
/// <remarks>
/// Latencies are whole milliseconds, so their double sums are exact whatever order the database adds them in. After the
/// purge, purged hours count the way reports always counted them: in the bucket of the hour's start, when the hour starts
/// inside the range.
/// </remarks>
public abstract class UsageRollupPropertyTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, new(5, 30, 0), TimeSpan.FromHours(-3), TimeSpan.FromHours(8), -new TimeSpan(9, 30, 0)];
    private static readonly string?[] Models = [null, "m1", "m2", "m3"];
    private static readonly string?[] Agents = [null, "bot", "crawler"];
    private static readonly string?[] Slots = [null, "fast"];
    private static readonly string[] Protocols = ["openai-chat", "anthropic-messages", "gemini"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Reports_FromRollups_EqualAScanOfTheRecords_BeforeAndAfterThePurge(int seed)
    {
        await Store.MigrateAsync(Ct);
        var random = new Random(seed);
        var records = Enumerable.Range(0, 700).Select(i => RandomRecord(random, $"s{seed}-r{i}")).ToList();

        // Several batches, with replays of request ids already written: a replay inserts nothing and adds nothing.
        var written = 0;
        while (written < records.Count)
        {
            var size = random.Next(1, 120);
            var batch = records.Skip(written).Take(size).ToList();
            if (written > 0 && random.Next(3) == 0)
            {
                batch.Add(records[random.Next(written)] with { ProviderCost = 99m });
            }

            await Store.Usage.InsertAsync(batch, Ct);
            written += size;
        }

        for (var i = 0; i < 12; i++)
        {
            await CheckAsync(random, RandomRange(random), records, [], $"seed {seed}, range {i}");
        }

        // Retention purges whole hours of raw records; the rollups keep them.
        var cutoff = Day0.AddHours(random.Next(20, 60)).AddMinutes(random.Next(60));
        await Store.Usage.RollUpAndPurgeAsync(cutoff, Ct);
        var purgedBefore = new DateTimeOffset(cutoff.UtcTicks - (cutoff.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var raw = records.Where(r => r.Timestamp >= purgedBefore).ToList();
        var purged = records.Where(r => r.Timestamp < purgedBefore).ToList();
        Assert.Equal(raw.Count, await Store.Usage.CountAsync(Ct));
        for (var i = 0; i < 12; i++)
        {
            await CheckAsync(random, RandomRange(random), raw, purged, $"seed {seed}, purged before {purgedBefore:O}, range {i}");
        }
    }

    private async Task CheckAsync(Random random, (DateTimeOffset From, DateTimeOffset To) range, List<UsageRecord> raw, List<UsageRecord> purged, string context)
    {
        var query = new UsageQuery(range.From, range.To);
        var where = $"{context}: [{range.From:O}, {range.To:O})";
        var filters = new[]
        {
            query,
            query with { UserId = "user_" + random.Next(3).ToString(CultureInfo.InvariantCulture) },
            query with { AgentName = Agents[random.Next(Agents.Length)] ?? string.Empty, CatalogModel = Models[random.Next(Models.Length)] ?? string.Empty },
            query with { Slot = Slots[random.Next(Slots.Length)] ?? string.Empty },
        };
        foreach (var filter in filters)
        {
            var selected = Select(raw, purged, filter);
            foreach (var grouping in Enum.GetValues<UsageGrouping>())
            {
                var expected = selected.GroupBy(s => Key(s.Record, grouping)).Select(g => (g.Key, Sum(g.Select(s => s.Record)))).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                var actual = (await Store.Usage.AggregateAsync(filter, grouping, Ct)).Select(g => (g.Key, g.Totals)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(actual), $"{where}, {filter}, by {grouping}:\nexpected {string.Join("; ", expected)}\nactual   {string.Join("; ", actual)}");
            }

            foreach (var offset in Offsets)
            {
                foreach (var interval in new[] { UsageInterval.Hour, UsageInterval.Day })
                {
                    var width = interval == UsageInterval.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
                    var expected = Timeline(selected, width, offset);
                    var actual = (await Store.Usage.TimelineAsync(filter, interval, offset, Ct)).Select(b => (b.Start, b.Totals)).ToList();
                    Assert.True(expected.SequenceEqual(actual), $"{where}, {filter}, per {interval} at {offset}:\nexpected {string.Join("; ", expected)}\nactual   {string.Join("; ", actual)}");
                    Assert.All(actual, b => Assert.Equal(offset, b.Start.Offset));
                }
            }
        }

        // The overview: buckets of odd widths at odd offsets, the totals and the top lists.
        var overviewOffset = Offsets[random.Next(Offsets.Length)];
        var bucket = new[] { TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(90), TimeSpan.FromHours(5), TimeSpan.FromDays(1) }[random.Next(4)];
        if (range.To > range.From)
        {
            var overview = await Store.UsageOverview.OverviewAsync(new UsageOverviewQuery(query, bucket, overviewOffset, 50), Ct);
            var all = Select(raw, purged, query);
            var expectedBuckets = Timeline(all, bucket, overviewOffset).ToDictionary(b => b.Start.UtcDateTime, b => b.Totals);
            Assert.Equal(Sum(all.Select(s => s.Record)), overview.Totals);
            Assert.All(overview.Buckets, b => Assert.Equal(expectedBuckets.GetValueOrDefault(b.Start.UtcDateTime, UsageTotals.Empty), b.Totals));
            Assert.Equal(expectedBuckets.Count, overview.Buckets.Count(b => b.Totals.Requests > 0));
            foreach (var (grouping, top) in new[] { (UsageGrouping.Model, overview.Models), (UsageGrouping.User, overview.Users), (UsageGrouping.VirtualKey, overview.Keys) })
            {
                var expected = all.GroupBy(s => Key(s.Record, grouping)).Select(g => (g.Key, Sum(g.Select(s => s.Record)))).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                Assert.Equal(expected, top.ByRequests.Select(g => (g.Key, g.Totals)).OrderBy(g => g.Key, StringComparer.Ordinal));
                Assert.Equal(expected, top.ByCost.Select(g => (g.Key, g.Totals)).OrderBy(g => g.Key, StringComparer.Ordinal));
                Assert.Equal(top.ByRequests.Select(g => g.Totals.Requests).OrderDescending(), top.ByRequests.Select(g => g.Totals.Requests));
                Assert.Equal(top.ByCost.Select(g => g.Totals.ProviderCost).OrderDescending(), top.ByCost.Select(g => g.Totals.ProviderCost));
            }
        }
    }

    /// <summary>Selects what a report over the query counts: raw records by timestamp, purged records by the start of their hour.</summary>
    private static List<(UsageRecord Record, DateTimeOffset At)> Select(List<UsageRecord> raw, List<UsageRecord> purged, UsageQuery query) =>
    [
        .. raw.Select(r => (Record: r, At: r.Timestamp)).Concat(purged.Select(r => (Record: r, At: HourOf(r.Timestamp))))
            .Where(s => s.At >= query.From && s.At < query.To)
            .Where(s => query.UserId is null || s.Record.UserId == query.UserId)
            .Where(s => query.AgentName is null || (s.Record.AgentName ?? string.Empty) == query.AgentName)
            .Where(s => query.Slot is null || (s.Record.Slot ?? string.Empty) == query.Slot)
            .Where(s => query.CatalogModel is null || (s.Record.CatalogModel ?? string.Empty) == query.CatalogModel),
    ];

    private static List<(DateTimeOffset Start, UsageTotals Totals)> Timeline(List<(UsageRecord Record, DateTimeOffset At)> selected, TimeSpan width, TimeSpan offset) =>
    [
        .. selected.GroupBy(s => BucketOf(s.At, width, offset)).OrderBy(g => g.Key).Select(g => (g.Key, Sum(g.Select(s => s.Record)))),
    ];

    /// <summary>Buckets start at local midnight of 2000-01-01 and every width after it, as the reports document.</summary>
    private static DateTimeOffset BucketOf(DateTimeOffset at, TimeSpan width, TimeSpan offset)
    {
        var origin = new DateTimeOffset(2000, 1, 1, 0, 0, 0, offset);
        var index = (at - origin).Ticks / width.Ticks;
        return (origin + TimeSpan.FromTicks(index * width.Ticks)).ToOffset(offset);
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    private static UsageTotals Sum(IEnumerable<UsageRecord> records) => records.Aggregate(UsageTotals.Empty, (total, r) => total.Add(new UsageTotals
    {
        Requests = 1,
        Errors = r.Status == "success" ? 0 : 1,
        InputTokens = r.Tokens.InputTokens,
        OutputTokens = r.Tokens.OutputTokens,
        CachedInputTokens = r.Tokens.CachedInputTokens,
        CacheWriteTokens = r.Tokens.CacheWriteTokens,
        ReasoningTokens = r.Tokens.ReasoningTokens,
        ProviderCost = r.ProviderCost,
        UserPrice = r.UserPrice,
        TotalLatencyMs = r.LatencyMs,
    }));

    private static string? Key(UsageRecord record, UsageGrouping grouping) => grouping switch
    {
        UsageGrouping.None => null,
        UsageGrouping.Model => record.CatalogModel,
        UsageGrouping.Agent => record.AgentName,
        UsageGrouping.Provider => record.Provider,
        UsageGrouping.Platform => record.Platform,
        UsageGrouping.VirtualKey => record.VirtualKeyId?.ToString(CultureInfo.InvariantCulture),
        UsageGrouping.UpstreamKey => record.KeyId?.ToString(CultureInfo.InvariantCulture),
        UsageGrouping.User => record.UserId,
        UsageGrouping.Slot => record.Slot,
        UsageGrouping.Protocol => record.Protocol,
        _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
    };

    /// <summary>Picks a range: edges on random milliseconds, whole hours, UTC midnights or local midnights, from empty to four days long.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) RandomRange(Random random)
    {
        var from = Edge(random, Day0.AddHours(random.Next(-8, 90)));
        var to = random.Next(8) == 0 ? from.AddMinutes(random.Next(0, 50)) : Edge(random, from.AddHours(random.Next(0, 100)));
        return to < from ? (to, from) : (from, to);
    }

    private static DateTimeOffset Edge(Random random, DateTimeOffset hour) => random.Next(4) switch
    {
        0 => hour,
        1 => new DateTimeOffset(hour.UtcDateTime.Date, TimeSpan.Zero),
        2 => LocalMidnight(hour, Offsets[random.Next(Offsets.Length)]),
        _ => hour.AddMilliseconds(random.Next(3_600_000)),
    };

    private static DateTimeOffset LocalMidnight(DateTimeOffset at, TimeSpan offset)
    {
        var local = at.ToOffset(offset);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, offset);
    }

    private static UsageRecord RandomRecord(Random random, string id)
    {
        var at = Day0.AddHours(-4).AddMilliseconds(random.NextInt64((long)TimeSpan.FromDays(4.5).TotalMilliseconds));
        var user = "user_" + random.Next(3).ToString(CultureInfo.InvariantCulture);
        var model = Models[random.Next(Models.Length)];
        return TestData.Usage(id, at, user) with
        {
            VirtualKeyId = random.Next(4) == 0 ? null : random.Next(1, 4),
            AgentName = Agents[random.Next(Agents.Length)],
            Slot = Slots[random.Next(Slots.Length)],
            CatalogModel = model,
            Platform = random.Next(5) == 0 ? null : "p" + random.Next(1, 3).ToString(CultureInfo.InvariantCulture),
            Provider = random.Next(5) == 0 ? null : random.Next(2) == 0 ? "openai" : "anthropic",
            KeyId = random.Next(4) == 0 ? null : 10 + random.Next(2),
            Protocol = Protocols[random.Next(Protocols.Length)],
            Status = random.Next(6) == 0 ? "error" : "success",
            Tokens = new TokenUsage(random.Next(5000), random.Next(2000), random.Next(1000), random.Next(100), random.Next(300)),
            ProviderCost = random.Next(1_000_000) / 1_000_000_000m,
            UserPrice = random.Next(100_000) / 10_000_000m,
            LatencyMs = random.Next(1, 20_000),
            TimeToFirstTokenMs = random.Next(2) == 0 ? null : random.Next(1, 3000),
        };
    }
}
