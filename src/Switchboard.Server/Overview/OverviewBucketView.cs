using System.Text.Json.Serialization;

namespace Switchboard.Server.Overview;

/// <summary>One bucket of the overview's time series: traffic, tokens, money and the latency of its successful requests.</summary>
internal sealed record OverviewBucketView(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("total_tokens")] long TotalTokens,
    [property: JsonPropertyName("user_revenue")] decimal UserRevenue,
    [property: JsonPropertyName("provider_cost")] decimal? ProviderCost,
    [property: JsonPropertyName("latency_p50_ms")] double? LatencyP50Ms,
    [property: JsonPropertyName("latency_p95_ms")] double? LatencyP95Ms,
    [property: JsonPropertyName("ttft_p95_ms")] double? TimeToFirstTokenP95Ms);
