namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads one source of one model: requests, errors and latency percentiles.</summary>
public sealed record SourcePerformance(string? Model, string? Source, string? Platform, string? UpstreamModel, long Requests, long Errors, double ErrorRate, Percentiles? LatencyMs, Percentiles? TtftMs);
