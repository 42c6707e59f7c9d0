namespace Switchboard.Console.Pages.My;

/// <summary>Reads <c>GET /api/v1/status/usage</c> for the caller: the period's totals and its groups.</summary>
public sealed record UsageSummary(string Period, UsageTotals Totals, IReadOnlyList<UsageGroup> Groups);
