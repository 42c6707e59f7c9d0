using System.Collections.Concurrent;
using System.Collections.Frozen;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Routing;

/// <summary>Applies a configuration delta to a snapshot: a new snapshot that shares everything the delta did not touch.</summary>
/// <remarks>
/// Virtual keys and users (the parts that grow to 100k entries) change entry by entry in their <see cref="SnapshotMap{TKey, TValue}"/>.
/// Settings rebuild the mode and tier rules. A catalog or price change rebuilds what the catalog feeds (platforms,
/// models, sources, users' own keys and private platforms), which grows with the catalog rather than with keys or
/// users, and keeps the key and user maps as they are. The per-snapshot caches pass on when nothing they derive from changed.
/// </remarks>
internal sealed partial class SnapshotBuilder
{
    /// <summary>Returns whether a virtual key may authenticate: not revoked and not expired at <paramref name="now"/>.</summary>
    internal static bool IsUsable(VirtualKeyRecord key, DateTimeOffset now) => key.RevokedAt is null && (key.ExpiresAt is null || key.ExpiresAt > now);

    /// <summary>Returns <paramref name="current"/> with <paramref name="delta"/> applied, numbered <paramref name="version"/>.</summary>
    public RoutingSnapshot Apply(RoutingSnapshot current, ConfigurationDelta delta, long version)
    {
        var from = current.Tenancy;
        var catalog = delta.Catalog is { } catalogData
            ? Build(catalogData with { VirtualKeys = [], Tenancy = TenancyData.Empty }, version)
            : current;
        var (mode, autoKey, rules) = (catalog.Tenancy.Mode, catalog.Tenancy.AutoKey, catalog.Tenancy.Rules);
        var settings = catalog.Settings;
        if (delta.Catalog is null && delta.Settings is { } changedSettings)
        {
            (mode, autoKey, rules) = ReadTenancySettings(changedSettings, current.ListedModels);
            settings = changedSettings.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }

        var (byHash, byId) = ApplyVirtualKeys(current.VirtualKeysByHash, from.VirtualKeysById, delta);
        var (users, slots, hidden) = ApplyUsers(from, delta);

        // A user's view of a model derives from the catalog, the mode and rules, and the user: any of them changing starts it afresh.
        var derivedStale = delta.Catalog is not null || delta.Settings is not null || delta.UserIds.Count > 0;
        var shape = catalog.Tenancy;
        return new RoutingSnapshot
        {
            Models = catalog.Models,
            ListedModels = catalog.ListedModels,
            Platforms = catalog.Platforms,
            Settings = settings,
            VirtualKeysByHash = byHash,
            Tenancy = new TenancyState
            {
                Mode = mode,
                AutoKey = autoKey,
                Rules = rules,
                Users = users,
                Slots = slots,
                Hidden = hidden,
                UserKeys = shape.UserKeys,
                PrivatePlatforms = shape.PrivatePlatforms,
                PrivateModels = shape.PrivateModels,
                PlatformsById = shape.PlatformsById,
                SourcesByModelId = shape.SourcesByModelId,
                ModelsById = shape.ModelsById,
                VirtualKeysById = byId,
                DerivedModels = derivedStale ? new ConcurrentDictionary<(string UserId, string ModelId), CatalogEntry>() : from.DerivedModels,

                // Repairs are stored; carrying them on is right until a full load reads them back.
                RepairedSlots = from.RepairedSlots,
            },
            Version = version,
            ConfigVersion = delta.ToVersion,
        };
    }

    private static (SnapshotMap<string, VirtualKeyRecord> ByHash, SnapshotMap<long, VirtualKeyRecord> ById) ApplyVirtualKeys(
        SnapshotMap<string, VirtualKeyRecord> byHash, SnapshotMap<long, VirtualKeyRecord> byId, ConfigurationDelta delta)
    {
        if (delta.VirtualKeyIds.Count == 0)
        {
            return (byHash, byId);
        }

        var now = DateTimeOffset.UtcNow;
        var stored = delta.VirtualKeys.ToDictionary(k => k.Id);
        var hashChanges = new List<KeyValuePair<string, VirtualKeyRecord?>>();
        var idChanges = new List<KeyValuePair<long, VirtualKeyRecord?>>();
        foreach (var id in delta.VirtualKeyIds)
        {
            var before = byId.GetValueOrDefault(id);
            var after = stored.GetValueOrDefault(id);
            if (before is not null && (after is null || !string.Equals(before.Hash, after.Hash, StringComparison.Ordinal)))
            {
                hashChanges.Add(KeyValuePair.Create(before.Hash, (VirtualKeyRecord?)null));
            }

            if (after is not null)
            {
                hashChanges.Add(KeyValuePair.Create(after.Hash, IsUsable(after, now) ? after : null));
            }

            idChanges.Add(KeyValuePair.Create(id, after));
        }

        return (byHash.With(hashChanges), byId.With(idChanges));
    }

    private static (SnapshotMap<string, UserRecord> Users, SnapshotMap<string, UsageSlotRecord[]> Slots, SnapshotMap<string, FrozenSet<long>> Hidden) ApplyUsers(
        TenancyState from, ConfigurationDelta delta)
    {
        if (delta.UserIds.Count == 0)
        {
            return (from.Users, from.Slots, from.Hidden);
        }

        var users = delta.Users.Users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var slots = SlotsByUser(delta.Users.Slots).ToDictionary(StringComparer.Ordinal);
        var hidden = HiddenByUser(delta.Users.Visibility).ToDictionary(StringComparer.Ordinal);
        return (
            from.Users.With(delta.UserIds.Select(id => KeyValuePair.Create(id, users.GetValueOrDefault(id)))),
            from.Slots.With(delta.UserIds.Select(id => KeyValuePair.Create(id, slots.GetValueOrDefault(id)))),
            from.Hidden.With(delta.UserIds.Select(id => KeyValuePair.Create(id, hidden.GetValueOrDefault(id)))));
    }
}
