using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Holds percentiles in milliseconds.</summary>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Avg">The mean.</param>
/// <param name="Count">The samples.</param>
internal sealed record PercentilesView(
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p95")] double P95,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("avg")] double Avg,
    [property: JsonPropertyName("count")] long Count);
