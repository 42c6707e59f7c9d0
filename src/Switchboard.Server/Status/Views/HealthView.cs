using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports whether the gateway can serve: configuration, database, usage writer and platforms.</summary>
/// <param name="Status">Healthy, degraded or unhealthy.</param>
/// <param name="Version">The gateway version.</param>
/// <param name="UptimeSeconds">Seconds since start.</param>
/// <param name="ConfigVersion">The routing snapshot version (0 before the first load).</param>
/// <param name="Database">The database check.</param>
/// <param name="UsageWriter">The usage writer.</param>
/// <param name="Platforms">The system platforms.</param>
internal sealed record HealthView(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds,
    [property: JsonPropertyName("config_version")] long ConfigVersion,
    [property: JsonPropertyName("database")] DatabaseHealthView Database,
    [property: JsonPropertyName("usage_writer")] UsageWriterView UsageWriter,
    [property: JsonPropertyName("platforms")] IReadOnlyList<PlatformHealthView> Platforms);
