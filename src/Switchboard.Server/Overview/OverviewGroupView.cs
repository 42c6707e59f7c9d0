using System.Text.Json.Serialization;

namespace Switchboard.Server.Overview;

/// <summary>One model, user or virtual key in a top list (a null key: requests without one, e.g. made with the admin key).</summary>
internal sealed record OverviewGroupView(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("total_tokens")] long TotalTokens,
    [property: JsonPropertyName("user_revenue")] decimal UserRevenue,
    [property: JsonPropertyName("provider_cost")] decimal? ProviderCost,
    [property: JsonPropertyName("margin")] decimal? Margin);
