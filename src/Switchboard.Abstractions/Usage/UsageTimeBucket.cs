namespace Switchboard.Abstractions.Usage;

/// <summary>Holds the usage totals of one hour or day of a timeline.</summary>
/// <param name="Start">When the bucket starts.</param>
/// <param name="Totals">The totals.</param>
public sealed record UsageTimeBucket(DateTimeOffset Start, UsageTotals Totals);
