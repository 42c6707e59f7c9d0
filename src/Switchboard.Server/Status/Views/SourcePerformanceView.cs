using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports one source of one model.</summary>
/// <param name="Model">The catalog model.</param>
/// <param name="Source">Platform/upstream model.</param>
/// <param name="Platform">The platform.</param>
/// <param name="UpstreamModel">The upstream model.</param>
/// <param name="Requests">Requests.</param>
/// <param name="Errors">Failed requests.</param>
/// <param name="ErrorRate">Errors per request.</param>
/// <param name="LatencyMs">Latency of successful requests.</param>
/// <param name="TtftMs">Time to first token of successful streams.</param>
internal sealed record SourcePerformanceView(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("platform")] string? Platform,
    [property: JsonPropertyName("upstream_model")] string? UpstreamModel,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("error_rate")] double ErrorRate,
    [property: JsonPropertyName("latency_ms")] PercentilesView? LatencyMs,
    [property: JsonPropertyName("ttft_ms")] PercentilesView? TtftMs);
