namespace Switchboard.Abstractions.Usage;

/// <summary>Holds a period's usage at a glance: totals, latency percentiles, a timeline, the top models, users and keys, and each source's traffic.</summary>
/// <remarks>
/// Totals, the timeline and the groups count raw records and hourly rollups alike; percentiles come from raw records only
/// (rollups keep sums, not distributions), of successful requests only, as <see cref="SourcePerformance"/> does.
/// </remarks>
public sealed record UsageOverview
{
    /// <summary>Gets the totals of the whole range.</summary>
    public required UsageTotals Totals { get; init; }

    /// <summary>Gets the latency percentiles of the range's successful requests, or null when there were none.</summary>
    public LatencyPercentiles? Latency { get; init; }

    /// <summary>Gets the time-to-first-token percentiles of the range's successful streams, or null when there were none.</summary>
    public LatencyPercentiles? TimeToFirstToken { get; init; }

    /// <summary>Gets every bucket of the range, oldest first, empty ones included.</summary>
    public required IReadOnlyList<UsageOverviewBucket> Buckets { get; init; }

    /// <summary>Gets the top catalog models.</summary>
    public required UsageTopGroups Models { get; init; }

    /// <summary>Gets the top users.</summary>
    public required UsageTopGroups Users { get; init; }

    /// <summary>Gets the top virtual keys (a null key: requests made with the admin key or a signed token).</summary>
    public required UsageTopGroups Keys { get; init; }

    /// <summary>Gets the totals per platform, every platform with traffic in the range.</summary>
    public required IReadOnlyList<UsageGroup> Platforms { get; init; }

    /// <summary>Gets the totals per upstream key id, every key with traffic in the range.</summary>
    public required IReadOnlyList<UsageGroup> UpstreamKeys { get; init; }
}
