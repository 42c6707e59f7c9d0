namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads <c>GET /api/v1/status/cost</c>: revenue, provider cost and margin in total and per group.</summary>
public sealed record CostReport(string Period, string GroupBy, CostLine Totals, IReadOnlyList<CostLine> Groups);
