namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads <c>GET /api/v1/status/usage</c>: totals and totals per group over a period (the usage page's grouping).</summary>
public sealed record UsageSummary(string Period, DateTimeOffset From, DateTimeOffset To, string? UserId, string GroupBy, UsageTotals Totals, IReadOnlyList<UsageGroup> Groups);
