using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Describes a catalog model, its user prices and sources.</summary>
/// <param name="Id">The id.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Strategy">The routing strategy.</param>
/// <param name="UserInputPrice">Per 1M input tokens.</param>
/// <param name="UserOutputPrice">Per 1M output tokens.</param>
/// <param name="UserCachedInputPrice">Per 1M cached input tokens; null to follow the serving source's discount.</param>
/// <param name="UserCacheWritePrice">Per 1M cache-write tokens; null to follow the serving source's premium.</param>
/// <param name="TierRequired">The tier required.</param>
/// <param name="Active">Whether it is active.</param>
/// <param name="Sources">Platform/model, in priority order.</param>
internal sealed record DebugCatalogView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("strategy")] string? Strategy,
    [property: JsonPropertyName("user_input_price")] decimal UserInputPrice,
    [property: JsonPropertyName("user_output_price")] decimal UserOutputPrice,
    [property: JsonPropertyName("user_cached_input_price")] decimal? UserCachedInputPrice,
    [property: JsonPropertyName("user_cache_write_price")] decimal? UserCacheWritePrice,
    [property: JsonPropertyName("tier_required")] string? TierRequired,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources);
