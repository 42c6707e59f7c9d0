using System.Text.Json.Serialization;

namespace Switchboard.Catalog;

/// <summary>One catalog model as the admin list shows it, with its sources, prices, margin and derived health.</summary>
/// <remarks><see cref="Declared"/> is false for a model derived from platform models of one name; changing it stores it.</remarks>
public sealed record CatalogModelView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("custom_name")] string? CustomName,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities,
    [property: JsonPropertyName("context_window")] int? ContextWindow,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens,
    [property: JsonPropertyName("user_price")] CatalogPriceView UserPrice,
    [property: JsonPropertyName("margin")] CatalogPriceView? Margin,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("tier_required")] string? TierRequired,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("featured")] bool Featured,
    [property: JsonPropertyName("declared")] bool Declared,
    [property: JsonPropertyName("strategy")] string? Strategy,
    [property: JsonPropertyName("health")] string Health,
    [property: JsonPropertyName("sources")] IReadOnlyList<CatalogSourceView> Sources,
    [property: JsonPropertyName("cache_ttl_seconds")] int? CacheTtlSeconds = null);

/// <summary>One source of a catalog model: which platform model serves it, at what provider cost, and how it is doing.</summary>
/// <remarks><see cref="Health"/> is a source level (<c>healthy</c>, <c>degraded</c>, <c>ejected</c>, <c>cooling</c>, <c>unknown</c>) or <c>off</c> when it is not routable.</remarks>
public sealed record CatalogSourceView(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("preset")] string? Preset,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("upstream_model")] string? UpstreamModel,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("weight")] int Weight,
    [property: JsonPropertyName("cost")] CatalogPriceView? Cost,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("health")] string Health);

/// <summary>A price or cost per 1M input and output tokens, with the cache rates that are set (an absent one follows the default rule).</summary>
public sealed record CatalogPriceView(
    [property: JsonPropertyName("input_per_million")] decimal InputPerMillion,
    [property: JsonPropertyName("output_per_million")] decimal OutputPerMillion,
    [property: JsonPropertyName("cached_input_per_million"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? CachedInputPerMillion = null,
    [property: JsonPropertyName("cache_write_per_million"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? CacheWritePerMillion = null,
    [property: JsonPropertyName("cache_write_1h_per_million"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? CacheWrite1HourPerMillion = null);

/// <summary>The models one caller may use, grouped by tag and by type; no provider, platform or key is named.</summary>
/// <remarks>A model appears in every tag group it carries and in exactly one type group; <see cref="Featured"/> lists the featured ones again.</remarks>
public sealed record GroupedModelsView(
    [property: JsonPropertyName("by_tag")] IReadOnlyList<ModelGroupView> ByTag,
    [property: JsonPropertyName("by_type")] IReadOnlyList<ModelGroupView> ByType,
    [property: JsonPropertyName("featured")] IReadOnlyList<UserModelView> Featured);

/// <summary>One group of the user view: a tag or a type with its models.</summary>
public sealed record ModelGroupView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("models")] IReadOnlyList<UserModelView> Models);

/// <summary>One model as a user sees it: what to send as <c>model</c>, what it is and what it costs them.</summary>
public sealed record UserModelView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities,
    [property: JsonPropertyName("context_window")] int? ContextWindow,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens,
    [property: JsonPropertyName("featured")] bool Featured,
    [property: JsonPropertyName("price")] CatalogPriceView Price);
