using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Internal;
using Switchboard.Storage.Tenancy;

namespace Switchboard.Storage.Configuration;

/// <summary>Reads the configuration changes after a version, with the changed entities, inside one read transaction.</summary>
/// <remarks>
/// The recorded changes must cover every version after the caller's, one range after another with no hole; a hole is a
/// write that recorded nothing (the CLI, a reset, hand-written SQL, or rows already pruned), and then only a full load
/// is right. Entities are read as they are now, in the same transaction as the version, so the delta is consistent.
/// </remarks>
internal static class ConfigDeltaReader
{
    /// <summary>Past this many changes one full load is cheaper than applying them one by one.</summary>
    public const int MaximumChanges = 1000;

    private const string ChangesSql =
        "SELECT version, previous_version, kind, entity_id FROM config_changes " +
        "WHERE version > @after AND version <= @to ORDER BY version, id LIMIT @limit";

    /// <summary>Reads the delta from <paramref name="afterVersion"/> to the database's version, or null when a full load is needed.</summary>
    public static async Task<ConfigurationDelta?> LoadAsync(DbSession session, long afterVersion, CancellationToken cancellationToken)
    {
        var version = await session.ScalarInt64Async(ConfigVersionTable.ReadSql, cancellationToken).ConfigureAwait(false);
        if (version == afterVersion)
        {
            return new ConfigurationDelta { FromVersion = afterVersion, ToVersion = version };
        }

        if (version < afterVersion)
        {
            return null; // a database restored from an older backup
        }

        var changes = await session.QueryAsync(
            ChangesSql,
            r => (Version: r.GetInt64(0), Previous: r.GetInt64(1), Kind: r.GetString(2), EntityId: r.GetString(3)),
            cancellationToken,
            ("@after", afterVersion),
            ("@to", version),
            ("@limit", MaximumChanges + 1)).ConfigureAwait(false);
        if (changes.Count > MaximumChanges || !Covers(changes, afterVersion, version) || changes.Any(c => !ConfigChangeKinds.IsKnown(c.Kind)))
        {
            return null;
        }

        var keyIds = new List<long>();
        foreach (var id in Ids(changes, ConfigChangeKinds.VirtualKey))
        {
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keyId))
            {
                return null; // not written by this build: let a full load decide
            }

            keyIds.Add(keyId);
        }

        var userIds = Ids(changes, ConfigChangeKinds.User);
        var catalogChanged = changes.Any(c => c.Kind == ConfigChangeKinds.Catalog);
        var settingsChanged = changes.Any(c => c.Kind == ConfigChangeKinds.Setting);
        var (keyList, keyParameters) = SqlLists.In("@key", keyIds);
        return new ConfigurationDelta
        {
            FromVersion = afterVersion,
            ToVersion = version,
            VirtualKeyIds = keyIds,
            VirtualKeys = keyIds.Count == 0 ? [] :
                await ConfigurationReader.ReadVirtualKeysAsync(session, $"WHERE id IN ({keyList})", cancellationToken, keyParameters).ConfigureAwait(false),
            UserIds = userIds,
            Users = userIds.Length == 0 ? Abstractions.Tenancy.TenancyData.Empty :
                await TenancyReader.LoadAsync(session, userIds, cancellationToken).ConfigureAwait(false),
            Catalog = catalogChanged ? await ConfigurationReader.LoadCatalogAsync(session, cancellationToken).ConfigureAwait(false) : null,
            Settings = settingsChanged && !catalogChanged ? await ConfigurationReader.ReadSettingsAsync(session, cancellationToken).ConfigureAwait(false) : null,
        };
    }

    /// <summary>Returns whether the changes' ranges follow each other from <paramref name="from"/> to <paramref name="to"/> with no hole.</summary>
    /// <remarks>Several rows of one transaction share one range.</remarks>
    internal static bool Covers(IReadOnlyList<(long Version, long Previous, string Kind, string EntityId)> changes, long from, long to)
    {
        var reached = from;
        var rangeStart = -1L;
        foreach (var change in changes)
        {
            if (change.Version == reached && change.Previous == rangeStart)
            {
                continue; // another row of the range just covered
            }

            if (change.Previous != reached || change.Version <= change.Previous)
            {
                return false;
            }

            rangeStart = change.Previous;
            reached = change.Version;
        }

        return reached == to;
    }

    private static string[] Ids(IEnumerable<(long Version, long Previous, string Kind, string EntityId)> changes, string kind) =>
        [.. changes.Where(c => c.Kind == kind).Select(c => c.EntityId).Distinct(StringComparer.Ordinal)];
}
