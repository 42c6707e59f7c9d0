using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Abstractions.Configuration;

/// <summary>Holds what changed in the configuration between two versions, with the changed entities as they are now.</summary>
/// <remarks>Each part is a replacement, never a diff: applying a delta twice, or one that read a later state, gives the same view.</remarks>
public sealed record ConfigurationDelta
{
    /// <summary>Gets the version the delta starts from (exclusive).</summary>
    public required long FromVersion { get; init; }

    /// <summary>Gets the version the delta brings the view to.</summary>
    public required long ToVersion { get; init; }

    /// <summary>Gets the ids of the virtual keys that changed.</summary>
    public IReadOnlyList<long> VirtualKeyIds { get; init; } = [];

    /// <summary>Gets those virtual keys as stored now; an id without a record was deleted.</summary>
    public IReadOnlyList<VirtualKeyRecord> VirtualKeys { get; init; } = [];

    /// <summary>Gets the ids of the users that changed.</summary>
    public IReadOnlyList<string> UserIds { get; init; } = [];

    /// <summary>Gets those users with their slots and hide flags as stored now; an id without a record was deleted.</summary>
    public TenancyData Users { get; init; } = TenancyData.Empty;

    /// <summary>Gets every setting, when any setting changed; otherwise null.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Gets the platforms, keys, models, catalog and settings, when the catalog changed; otherwise null.</summary>
    /// <remarks>Its virtual keys and tenancy are empty: those keep coming from the view the delta is applied to.</remarks>
    public ConfigurationData? Catalog { get; init; }
}
