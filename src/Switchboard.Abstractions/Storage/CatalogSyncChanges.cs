using Switchboard.Abstractions.Configuration;

namespace Switchboard.Abstractions.Storage;

/// <summary>Describes what applying a model sync writes.</summary>
public sealed record CatalogSyncChanges
{
    /// <summary>Gets the platform models to add (each names its <see cref="PlatformModelConfig.PlatformId"/>); one whose display name the platform already has is skipped.</summary>
    public IReadOnlyList<PlatformModelConfig> AddModels { get; init; } = [];

    /// <summary>Gets the ids of platform models to disable (never delete).</summary>
    public IReadOnlyList<long> DisableModelIds { get; init; } = [];

    /// <summary>Gets catalog models to insert when absent; for a stored one, only the sources it lacks are appended.</summary>
    public IReadOnlyList<CatalogModelConfig> Catalog { get; init; } = [];
}
