namespace Switchboard.Abstractions.Usage;

/// <summary>Holds the usage totals of one group.</summary>
/// <param name="Key">The group's value (model, platform, user, key id…), or null for records without one.</param>
/// <param name="Totals">The totals.</param>
public sealed record UsageGroup(string? Key, UsageTotals Totals);
