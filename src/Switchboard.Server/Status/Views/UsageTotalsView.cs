using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Sums usage: requests, tokens and money.</summary>
/// <param name="Requests">Requests.</param>
/// <param name="Errors">Requests that did not succeed.</param>
/// <param name="InputTokens">Input tokens, cached included.</param>
/// <param name="OutputTokens">Output tokens, reasoning included.</param>
/// <param name="CachedInputTokens">Cached input tokens.</param>
/// <param name="CacheWriteTokens">Input tokens written to a prompt cache.</param>
/// <param name="ReasoningTokens">Reasoning tokens.</param>
/// <param name="TotalTokens">Input plus output tokens.</param>
/// <param name="UserPrice">What users were charged.</param>
/// <param name="ProviderCost">What providers charged (admins only).</param>
/// <param name="AvgLatencyMs">Mean latency.</param>
internal sealed record UsageTotalsView(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cached_input_tokens")] long CachedInputTokens,
    [property: JsonPropertyName("cache_write_tokens")] long CacheWriteTokens,
    [property: JsonPropertyName("reasoning_tokens")] long ReasoningTokens,
    [property: JsonPropertyName("total_tokens")] long TotalTokens,
    [property: JsonPropertyName("user_price")] decimal UserPrice,
    [property: JsonPropertyName("provider_cost")] decimal? ProviderCost,
    [property: JsonPropertyName("avg_latency_ms")] double AvgLatencyMs);
