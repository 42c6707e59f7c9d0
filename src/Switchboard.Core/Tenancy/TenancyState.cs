using System.Collections.Concurrent;
using System.Collections.Frozen;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Routing;

namespace Switchboard.Core.Tenancy;

/// <summary>Holds the tenancy part of a routing snapshot: mode, rules, users, slots, users' own keys and private platforms.</summary>
/// <remarks>
/// Immutable like the rest of the snapshot, except two caches that are per-snapshot by nature and die with it:
/// <see cref="DerivedModels"/> memoizes a pure function of this snapshot (a user's view of a model), which a reload must
/// rebuild because the user's keys or models may have changed; <see cref="RepairedSlots"/> bridges a slot repair that
/// is already stored until the next snapshot loads it from storage. A snapshot made by applying a change that touches
/// neither passes both on to its successor (<see cref="SnapshotBuilder"/>). Neither holds counters or health: runtime state
/// lives in <see cref="RoutingState"/>, kept by stable ids across reloads.
/// </remarks>
internal sealed class TenancyState
{
    public static TenancyState Empty { get; } = new()
    {
        Mode = TenancyModes.SingleUser,
        Rules = TierRuleSet.Build(FrozenDictionary<string, string>.Empty, new TenancyOptions(), null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance),
    };

    public required string Mode { get; init; }

    public bool AutoKey { get; init; }

    public required TierRuleSet Rules { get; init; }

    public SnapshotMap<string, UserRecord> Users { get; init; } = SnapshotMap<string, UserRecord>.Empty(StringComparer.Ordinal);

    /// <summary>Gets each user's slots in display order.</summary>
    public SnapshotMap<string, UsageSlotRecord[]> Slots { get; init; } = SnapshotMap<string, UsageSlotRecord[]>.Empty(StringComparer.Ordinal);

    /// <summary>Gets the platform ids each user hid.</summary>
    public SnapshotMap<string, FrozenSet<long>> Hidden { get; init; } = SnapshotMap<string, FrozenSet<long>>.Empty(StringComparer.Ordinal);

    /// <summary>Gets the keys users brought for system platforms, by user and platform id.</summary>
    public FrozenDictionary<(string UserId, long PlatformId), KeyEntry> UserKeys { get; init; } = FrozenDictionary<(string, long), KeyEntry>.Empty;

    /// <summary>Gets each user's private platforms.</summary>
    public FrozenDictionary<string, PlatformEntry[]> PrivatePlatforms { get; init; } = FrozenDictionary<string, PlatformEntry[]>.Empty;

    /// <summary>Gets each user's private models by display name and by <c>Platform/DisplayName</c>.</summary>
    public FrozenDictionary<string, FrozenDictionary<string, CatalogEntry>> PrivateModels { get; init; } = FrozenDictionary<string, FrozenDictionary<string, CatalogEntry>>.Empty;

    /// <summary>Gets every platform (system and private) by id.</summary>
    public FrozenDictionary<long, PlatformEntry> PlatformsById { get; init; } = FrozenDictionary<long, PlatformEntry>.Empty;

    /// <summary>Gets every platform model (system and private) by id, with its keyed source.</summary>
    public FrozenDictionary<long, SourceEntry> SourcesByModelId { get; init; } = FrozenDictionary<long, SourceEntry>.Empty;

    /// <summary>Gets every platform model by id, including those of disabled platforms (for classic listings).</summary>
    public FrozenDictionary<long, PlatformModelConfig> ModelsById { get; init; } = FrozenDictionary<long, PlatformModelConfig>.Empty;

    /// <summary>Gets virtual keys by id, for their allowlists and limits.</summary>
    public SnapshotMap<long, VirtualKeyRecord> VirtualKeysById { get; init; } = SnapshotMap<long, VirtualKeyRecord>.Empty();

    /// <summary>Gets per-user views of catalog models (sources re-targeted at the user's own keys), built on first use.</summary>
    public ConcurrentDictionary<(string UserId, string ModelId), CatalogEntry> DerivedModels { get; init; } = new();

    /// <summary>Gets slot bindings repaired since this snapshot was built, so a repair is not repeated before the next reload.</summary>
    public ConcurrentDictionary<(string UserId, string Slot), UsageSlotRecord> RepairedSlots { get; init; } = new();

    public bool IsMultiUser => Mode != TenancyModes.SingleUser;

    public bool IsHidden(string userId, long platformId) => Hidden.TryGetValue(userId, out var set) && set.Contains(platformId);

    public UsageSlotRecord? FindSlot(string userId, string slot)
    {
        if (RepairedSlots.TryGetValue((userId, slot), out var repaired))
        {
            return repaired;
        }

        if (Slots.TryGetValue(userId, out var slots))
        {
            foreach (var record in slots)
            {
                if (record.Slot == slot)
                {
                    return record;
                }
            }
        }

        return null;
    }
}
