namespace Switchboard.Abstractions.Usage;

/// <summary>Holds one bucket of an overview's timeline: its totals and the latency percentiles of its successful requests.</summary>
/// <param name="Start">When the bucket starts.</param>
/// <param name="Totals">The totals.</param>
/// <param name="Latency">The latency percentiles, or null when the bucket has no successful raw record.</param>
/// <param name="TimeToFirstToken">The time-to-first-token percentiles, or null when the bucket has no successful stream.</param>
public sealed record UsageOverviewBucket(DateTimeOffset Start, UsageTotals Totals, LatencyPercentiles? Latency, LatencyPercentiles? TimeToFirstToken);
