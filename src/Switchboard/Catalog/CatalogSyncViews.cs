using System.Text.Json.Serialization;

namespace Switchboard.Catalog;

/// <summary>The difference between what each system platform serves and what is stored; computing it changes nothing.</summary>
public sealed record CatalogSyncView(
    [property: JsonPropertyName("platforms")] IReadOnlyList<PlatformSyncView> Platforms,
    [property: JsonPropertyName("added")] int Added,
    [property: JsonPropertyName("missing")] int Missing,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    [property: JsonPropertyName("errors")] int Errors);

/// <summary>One platform's part of a sync diff.</summary>
/// <remarks>
/// <see cref="ListSource"/> says where the list came from: <c>upstream</c> (the provider's model list), <c>configured</c>
/// (the platforms file) or <c>stored</c> (neither is available, so nothing can differ). A platform whose list could not be
/// fetched carries <see cref="Error"/> and no entries; the other platforms are unaffected.
/// </remarks>
public sealed record PlatformSyncView(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("list_source")] string ListSource,
    [property: JsonPropertyName("error")] SyncErrorView? Error,
    [property: JsonPropertyName("added")] IReadOnlyList<SyncModelView> Added,
    [property: JsonPropertyName("missing")] IReadOnlyList<SyncModelView> Missing,
    [property: JsonPropertyName("conflicts")] IReadOnlyList<SyncModelView> Conflicts,
    [property: JsonPropertyName("unchanged")] IReadOnlyList<string> Unchanged);

/// <summary>One model in a sync diff: <see cref="Model"/> is the platform model name it has (missing) or would get (added).</summary>
public sealed record SyncModelView(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("upstream_model")] string UpstreamModel,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("context_window")] int? ContextWindow,
    [property: JsonPropertyName("max_output_tokens")] int? MaxOutputTokens,
    [property: JsonPropertyName("platform_model_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PlatformModelId = null,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);

/// <summary>Why a platform's model list could not be read; never contains a key.</summary>
public sealed record SyncErrorView(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>One chosen change of a sync diff: add a platform's new model, or disable one it no longer serves.</summary>
public sealed record CatalogSyncEntry(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("action")] string Action);

/// <summary>What applying a sync changed; entries that were no longer in the diff are listed in <see cref="Skipped"/>.</summary>
public sealed record CatalogSyncApplyView(
    [property: JsonPropertyName("models_added")] int ModelsAdded,
    [property: JsonPropertyName("models_disabled")] int ModelsDisabled,
    [property: JsonPropertyName("catalog_models_added")] int CatalogModelsAdded,
    [property: JsonPropertyName("sources_added")] int SourcesAdded,
    [property: JsonPropertyName("skipped")] IReadOnlyList<CatalogSyncEntry> Skipped,
    [property: JsonPropertyName("failed_platforms")] IReadOnlyList<PlatformSyncView> FailedPlatforms);
