using System.Text.Json.Serialization;
using Switchboard.Server.Status.Views;

namespace Switchboard.Server.Overview;

/// <summary>A period's totals: requests and errors, tokens, money (provider cost and margin for admins only), latency and time-to-first-token percentiles.</summary>
internal sealed record OverviewSummaryView(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("error_rate")] double ErrorRate,
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("cached_tokens")] long CachedTokens,
    [property: JsonPropertyName("total_tokens")] long TotalTokens,
    [property: JsonPropertyName("user_revenue")] decimal UserRevenue,
    [property: JsonPropertyName("provider_cost")] decimal? ProviderCost,
    [property: JsonPropertyName("margin")] decimal? Margin,
    [property: JsonPropertyName("margin_percent")] decimal? MarginPercent,
    [property: JsonPropertyName("latency_ms")] PercentilesView? LatencyMs,
    [property: JsonPropertyName("ttft_ms")] PercentilesView? TimeToFirstTokenMs);
