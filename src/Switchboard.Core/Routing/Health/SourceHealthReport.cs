namespace Switchboard.Core.Routing.Health;

/// <summary>Describes a source's derived health at one moment, for the catalog, the admin API and metrics.</summary>
/// <param name="Source">The <c>Platform/Model</c> address.</param>
/// <param name="Level"><c>healthy</c>, <c>degraded</c> (failing often, stalled or on trial), <c>ejected</c>, <c>cooling</c> (every key waits) or <c>unknown</c> (never used).</param>
/// <param name="Score">The health score in [0, 1] the <c>health</c> strategy ranks by.</param>
/// <param name="SuccessRate">The moving success rate.</param>
/// <param name="LatencyMs">The moving time to first byte in milliseconds.</param>
/// <param name="InFlight">The attempts waiting for an answer.</param>
/// <param name="Ejections">How often the source was ejected since start.</param>
/// <param name="KeysCooling">How many of the source's keys cannot serve it now: cooling (whole key or for this model) or invalid.</param>
public sealed record SourceHealthReport(string Source, string Level, double Score, double SuccessRate, double LatencyMs, int InFlight, long Ejections, int KeysCooling);
