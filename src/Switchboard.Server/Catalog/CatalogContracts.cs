using System.Text.Json.Serialization;
using Switchboard.Catalog;

namespace Switchboard.Server.Catalog;

/// <summary>The body of <c>PATCH /api/admin/catalog</c>: one change for every listed model; absent fields stay as they are.</summary>
/// <remarks><c>tier_required</c>, <c>display_name</c>, <c>custom_name</c>, <c>user_cached_input_price</c> and <c>user_cache_write_price</c> set to null clear the value.</remarks>
internal sealed record CatalogBatchRequest(
    [property: JsonPropertyName("ids")] IReadOnlyList<string>? Ids = null,
    [property: JsonPropertyName("active")] bool? Active = null,
    [property: JsonPropertyName("featured")] bool? Featured = null,
    [property: JsonPropertyName("user_input_price")] decimal? UserInputPrice = null,
    [property: JsonPropertyName("user_output_price")] decimal? UserOutputPrice = null,
    [property: JsonPropertyName("user_cached_input_price")] decimal? UserCachedInputPrice = null,
    [property: JsonPropertyName("user_cache_write_price")] decimal? UserCacheWritePrice = null,
    [property: JsonPropertyName("add_tags")] IReadOnlyList<string>? AddTags = null,
    [property: JsonPropertyName("remove_tags")] IReadOnlyList<string>? RemoveTags = null,
    [property: JsonPropertyName("tier_required")] string? TierRequired = null,
    [property: JsonPropertyName("capabilities")] IReadOnlyList<string>? Capabilities = null,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("custom_name")] string? CustomName = null,
    [property: JsonPropertyName("cache_ttl_seconds")] int? CacheTtlSeconds = null);

/// <summary>The optional body of <c>POST /api/admin/catalog/sync</c>: which platforms to sync (all enabled system platforms when absent).</summary>
internal sealed record CatalogSyncRequest(
    [property: JsonPropertyName("platforms")] IReadOnlyList<string>? Platforms = null);

/// <summary>The body of <c>POST /api/admin/catalog/sync/apply</c>: <c>all</c>, or the diff entries to apply.</summary>
internal sealed record CatalogSyncApplyRequest(
    [property: JsonPropertyName("all")] bool? All = null,
    [property: JsonPropertyName("entries")] IReadOnlyList<CatalogSyncEntry>? Entries = null,
    [property: JsonPropertyName("platforms")] IReadOnlyList<string>? Platforms = null);

/// <summary>The admin catalog list.</summary>
internal sealed record CatalogList(
    [property: JsonPropertyName("data")] IReadOnlyList<CatalogModelView> Data,
    [property: JsonPropertyName("total")] int Total);
