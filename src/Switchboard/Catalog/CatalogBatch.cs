namespace Switchboard.Catalog;

/// <summary>Describes one batch change applied to every listed catalog model, all or nothing.</summary>
/// <remarks>Fields left null are not changed. Names can only be set on one model at a time.</remarks>
public sealed record CatalogBatch
{
    /// <summary>Gets the ids of the catalog models to change.</summary>
    public IReadOnlyList<string> Ids { get; init; } = [];

    /// <summary>Gets the new active flag (false takes the model out of listings and routing).</summary>
    public bool? Active { get; init; }

    /// <summary>Gets the new featured flag.</summary>
    public bool? Featured { get; init; }

    /// <summary>Gets the new user price per 1M input tokens.</summary>
    public decimal? UserInputPricePerMillion { get; init; }

    /// <summary>Gets the new user price per 1M output tokens.</summary>
    public decimal? UserOutputPricePerMillion { get; init; }

    /// <summary>Gets the new user price per 1M cached input tokens; a null value makes it follow the serving source's discount again.</summary>
    public CatalogChange<decimal?>? UserCachedInputPricePerMillion { get; init; }

    /// <summary>Gets the new user price per 1M cache-write tokens; a null value makes it follow the serving source's premium again.</summary>
    public CatalogChange<decimal?>? UserCacheWritePricePerMillion { get; init; }

    /// <summary>Gets tags to add.</summary>
    public IReadOnlyList<string> AddTags { get; init; } = [];

    /// <summary>Gets tags to remove (applied after <see cref="AddTags"/>).</summary>
    public IReadOnlyList<string> RemoveTags { get; init; } = [];

    /// <summary>Gets the new required tier; a null value lets every tier use the model.</summary>
    public CatalogChange<string?>? TierRequired { get; init; }

    /// <summary>Gets the new capability list; an empty one falls back to the sources' capabilities.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Gets the new display name (one model only).</summary>
    public CatalogChange<string?>? DisplayName { get; init; }

    /// <summary>Gets the new response-cache lifetime in seconds; a null value turns the model's opt-in off.</summary>
    public CatalogChange<int?>? CacheTtlSeconds { get; init; }

    /// <summary>Gets the new custom name shown to users (one model only).</summary>
    public CatalogChange<string?>? CustomName { get; init; }
}
