namespace Switchboard.Abstractions.Usage;

/// <summary>Holds latency percentiles in milliseconds, interpolated between ranks like <c>percentile_cont</c>.</summary>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Average">The mean.</param>
/// <param name="Count">The number of samples.</param>
public sealed record LatencyPercentiles(double P50, double P95, double P99, double Average, long Count);
