namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads percentiles in milliseconds.</summary>
public sealed record Percentiles(double P50, double P95, double P99, double Avg, long Count);
