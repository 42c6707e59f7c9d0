namespace Switchboard.Console.Pages.Catalog;

/// <summary>Reads <c>GET /api/admin/catalog</c> (and the answer of its PATCH): the catalog models and their count.</summary>
public sealed record CatalogList(IReadOnlyList<CatalogModel> Data, int Total);

/// <summary>Reads one catalog model with its sources, user price, margin, tags, tier and derived health.</summary>
public sealed record CatalogModel(
    string Id,
    string DisplayName,
    string? CustomName,
    string Type,
    IReadOnlyList<string> Tags,
    string? TierRequired,
    bool Active,
    bool Featured,
    string Health,
    CatalogPrice UserPrice,
    CatalogPrice? Margin,
    IReadOnlyList<CatalogSource> Sources);

/// <summary>Reads one source of a catalog model: the platform model serving it, its provider cost and its health.</summary>
public sealed record CatalogSource(string Platform, string Model, string? UpstreamModel, CatalogPrice? Cost, bool Enabled, string Health);

/// <summary>Reads a price, cost or margin per 1M input and output tokens.</summary>
public sealed record CatalogPrice(decimal InputPerMillion, decimal OutputPerMillion);

/// <summary>Reads the answer of <c>POST /api/admin/catalog/sync</c>: what each system platform serves that differs from what is stored.</summary>
public sealed record CatalogSyncDiff(IReadOnlyList<PlatformSyncDiff> Platforms, int Added, int Missing, int Unchanged, int Errors);

/// <summary>Reads one platform's part of a sync diff; <see cref="Error"/> is set when its list could not be read.</summary>
public sealed record PlatformSyncDiff(
    string Platform,
    string Provider,
    string ListSource,
    SyncFailure? Error,
    IReadOnlyList<SyncModel> Added,
    IReadOnlyList<SyncModel> Missing,
    IReadOnlyList<SyncModel> Conflicts,
    IReadOnlyList<string> Unchanged);

/// <summary>Reads one model of a sync diff, by the platform model name it has or would get.</summary>
public sealed record SyncModel(string Model, string UpstreamModel, string Type, int? ContextWindow, string? Reason);

/// <summary>Reads why a platform's model list could not be read.</summary>
public sealed record SyncFailure(string Code, string Message);

/// <summary>Writes the body of <c>POST /api/admin/catalog/sync/apply</c>: the chosen entries of the diff.</summary>
public sealed record SyncApplyRequest(IReadOnlyList<SyncEntry> Entries);

/// <summary>Writes or reads one chosen change of a sync diff: <c>add</c> a new model or <c>disable</c> a missing one.</summary>
public sealed record SyncEntry(string Platform, string Model, string Action);

/// <summary>Reads what applying a sync changed.</summary>
public sealed record SyncApplyResult(int ModelsAdded, int ModelsDisabled, int CatalogModelsAdded, int SourcesAdded, IReadOnlyList<SyncEntry> Skipped);
