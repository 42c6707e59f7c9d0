namespace Switchboard.Console.Pages.My;

/// <summary>Reads one group of <c>GET /api/v1/status/usage</c>, such as one model's totals.</summary>
public sealed record UsageGroup(string? Key, UsageTotals Usage);
