namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads <c>GET /api/v1/status/health</c>: the gateway's status and each system platform's key pool.</summary>
public sealed record HealthReport(string Status, string Version, double UptimeSeconds, IReadOnlyList<PlatformHealth> Platforms);
