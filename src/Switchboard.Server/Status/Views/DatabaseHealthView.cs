using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports the database check.</summary>
/// <param name="Status">Up or down.</param>
/// <param name="Provider">Sqlite or postgres.</param>
/// <param name="LatencyMs">The round trip of the check.</param>
/// <param name="Error">The failure kind when down.</param>
internal sealed record DatabaseHealthView(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("latency_ms")] double? LatencyMs,
    [property: JsonPropertyName("error")] string? Error);
