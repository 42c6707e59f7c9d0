namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads <c>GET /api/v1/status/performance</c>: latency and time to first token per model and source.</summary>
public sealed record PerformanceReport(string Period, IReadOnlyList<SourcePerformance> Models);
