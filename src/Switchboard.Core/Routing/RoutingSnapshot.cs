using System.Collections.Frozen;
using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Routing;

/// <summary>Holds one immutable view of the configuration that every request reads without locks.</summary>
/// <remarks>A reload builds a new snapshot and swaps it atomically; requests in flight keep the one they started with.</remarks>
internal sealed class RoutingSnapshot
{
    public static RoutingSnapshot Empty { get; } = new()
    {
        Models = FrozenDictionary<string, CatalogEntry>.Empty,
        ListedModels = [],
        VirtualKeysByHash = SnapshotMap<string, VirtualKeyRecord>.Empty(StringComparer.Ordinal),
        Platforms = FrozenDictionary<string, PlatformEntry>.Empty,
    };

    /// <summary>Gets catalog models by id and exact sources by <c>Platform/DisplayName</c>, case-insensitive.</summary>
    public required FrozenDictionary<string, CatalogEntry> Models { get; init; }

    /// <summary>Gets the models shown in listings, in a stable order.</summary>
    public required IReadOnlyList<CatalogEntry> ListedModels { get; init; }

    /// <summary>Gets the active virtual keys by SHA-256 hash.</summary>
    public required SnapshotMap<string, VirtualKeyRecord> VirtualKeysByHash { get; init; }

    /// <summary>Gets the system platforms by name.</summary>
    public required FrozenDictionary<string, PlatformEntry> Platforms { get; init; }

    /// <summary>Gets the settings.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Gets users, rules, slots, users' own keys and private platforms.</summary>
    public Tenancy.TenancyState Tenancy { get; init; } = Switchboard.Core.Tenancy.TenancyState.Empty;

    /// <summary>Gets a number that grows with every reload.</summary>
    public long Version { get; init; }

    /// <summary>Gets the database's configuration version this snapshot was built from (0 for the empty snapshot).</summary>
    public long ConfigVersion { get; init; }

    public CatalogEntry? FindModel(string name) => Models.GetValueOrDefault(name);
}
