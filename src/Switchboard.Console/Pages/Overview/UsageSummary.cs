namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads <c>GET /api/v1/status/usage</c>: totals, totals per group, and a timeline of hours or days.</summary>
public sealed record UsageSummary(string Period, DateTimeOffset From, DateTimeOffset To, string? UserId, string GroupBy, string Interval, UsageTotals Totals, IReadOnlyList<UsageGroup> Groups, IReadOnlyList<UsageBucket> Timeline);
