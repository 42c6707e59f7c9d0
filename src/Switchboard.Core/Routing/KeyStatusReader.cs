using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Routing;

/// <summary>Reads upstream keys' statuses: the stored status an admin set, refined by the runtime state (invalid, cooling).</summary>
/// <remarks>
/// A stored <c>disabled</c> or <c>invalid</c> wins; an active key reads <c>invalid</c> while it carries an invalid mark for
/// its current version, and <c>cooling</c> while the whole key waits or every model of its platform does. For the admin
/// API, gauges and alerts, never the request path. Thread-safe.
/// </remarks>
internal sealed class KeyStatusReader(SnapshotHolder snapshots, RoutingState states)
{
    /// <summary>Returns the status of a stored key.</summary>
    public KeyStatusReport Read(ApiKeyConfig stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        switch (stored.Status)
        {
            case ApiKeyStatus.Disabled:
                return new KeyStatusReport(KeyStatuses.Disabled, TimeSpan.Zero, null);
            case ApiKeyStatus.Invalid:
                return new KeyStatusReport(KeyStatuses.Invalid, TimeSpan.Zero, "stored");
        }

        var snapshot = snapshots.Current;
        return Find(snapshot, stored.Id) is { } found
            ? states.Status(found.Key, ModelsOf(snapshot, found.PlatformId))
            : new KeyStatusReport(KeyStatuses.Active, TimeSpan.Zero, null);
    }

    /// <summary>Returns the status of every server key of every system platform in the current snapshot.</summary>
    public IReadOnlyList<(PlatformEntry Platform, KeyEntry Key, KeyStatusReport Status)> ReadSystemKeys()
    {
        var snapshot = snapshots.Current;
        var result = new List<(PlatformEntry, KeyEntry, KeyStatusReport)>();
        foreach (var platform in snapshot.Platforms.Values)
        {
            foreach (var key in platform.Keys)
            {
                result.Add((platform, key, states.Status(key, ModelsOf(snapshot, platform.Config.Id))));
            }
        }

        return result;
    }

    private static (KeyEntry Key, long PlatformId)? Find(RoutingSnapshot snapshot, long keyId)
    {
        foreach (var platform in snapshot.Tenancy.PlatformsById.Values)
        {
            foreach (var key in platform.Keys)
            {
                if (key.Id == keyId)
                {
                    return (key, platform.Config.Id);
                }
            }
        }

        foreach (var ((_, platformId), key) in snapshot.Tenancy.UserKeys)
        {
            if (key.Id == keyId)
            {
                return (key, platformId);
            }
        }

        return null;
    }

    /// <summary>Lists the distinct upstream models a platform serves, which a key of it may cool on one by one.</summary>
    private static string[] ModelsOf(RoutingSnapshot snapshot, long platformId) =>
        [.. snapshot.Tenancy.SourcesByModelId.Values.Where(s => s.Platform.Config.Id == platformId).Select(s => s.Model.UpstreamModel).Distinct(StringComparer.Ordinal)];
}
