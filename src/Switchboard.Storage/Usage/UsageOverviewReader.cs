using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Usage;

/// <summary>Puts a usage overview together from aggregate queries, each summed or ranked in SQL.</summary>
/// <remarks>
/// The range's totals are the sum of its buckets (every record and rollup row falls in exactly one), so the range is
/// not summed twice. Empty buckets are filled in here, so a chart gets every bucket of the range.
/// </remarks>
internal static class UsageOverviewReader
{
    public static async Task<UsageOverview> ReadAsync(DbSession session, UsageOverviewQuery overview, CancellationToken cancellationToken)
    {
        var (query, width, offset, top) = (overview.Range, overview.Bucket, overview.UtcOffset, overview.Top);
        var first = UsageBuckets.Floor(query.From, width, offset);
        if (width < TimeSpan.FromMinutes(1) || query.To <= query.From || ((query.To - first).Ticks + width.Ticks - 1) / width.Ticks > UsageOverviewQuery.MaxBuckets + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(overview), $"The range must be non-empty and hold at most {UsageOverviewQuery.MaxBuckets} buckets of at least a minute.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, UsageOverviewQuery.MaxTop);

        var timeline = await UsageAggregator.TimelineAsync(session, query, width, offset, cancellationToken).ConfigureAwait(false);
        var bucketed = await UsagePercentileReader.ReadAsync(session, query, UsageBuckets.Expression(session, "timestamp", width, offset), cancellationToken).ConfigureAwait(false);
        var whole = await UsagePercentileReader.ReadAsync(session, query, null, cancellationToken).ConfigureAwait(false);
        var (latency, firstToken) = whole.GetValueOrDefault(DateTimeOffset.MinValue);

        var totals = timeline.ToDictionary(b => b.Start.UtcDateTime, b => b.Totals);
        var buckets = new List<UsageOverviewBucket>();
        for (var start = first; start < query.To; start += width)
        {
            var (bucketLatency, bucketFirstToken) = bucketed.GetValueOrDefault(start.ToUniversalTime());
            buckets.Add(new UsageOverviewBucket(start, totals.GetValueOrDefault(start.UtcDateTime, UsageTotals.Empty), bucketLatency, bucketFirstToken));
        }

        return new UsageOverview
        {
            Totals = timeline.Aggregate(UsageTotals.Empty, (sum, bucket) => sum.Add(bucket.Totals)),
            Latency = latency,
            TimeToFirstToken = firstToken,
            Buckets = buckets,
            Models = await TopAsync(session, query, UsageGrouping.Model, top, cancellationToken).ConfigureAwait(false),
            Users = await TopAsync(session, query, UsageGrouping.User, top, cancellationToken).ConfigureAwait(false),
            Keys = await TopAsync(session, query, UsageGrouping.VirtualKey, top, cancellationToken).ConfigureAwait(false),
            Platforms = await UsageAggregator.AggregateAsync(session, query, UsageGrouping.Platform, cancellationToken).ConfigureAwait(false),
            UpstreamKeys = await UsageAggregator.AggregateAsync(session, query, UsageGrouping.UpstreamKey, cancellationToken).ConfigureAwait(false),
        };
    }

    private static async Task<UsageTopGroups> TopAsync(DbSession session, UsageQuery query, UsageGrouping groupBy, int top, CancellationToken cancellationToken) => new(
        await UsageAggregator.TopAsync(session, query, groupBy, byCost: false, top, cancellationToken).ConfigureAwait(false),
        await UsageAggregator.TopAsync(session, query, groupBy, byCost: true, top, cancellationToken).ConfigureAwait(false));
}
