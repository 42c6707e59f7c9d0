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

    /// <summary>
    /// The database's version and the changes up to it, in one statement: one row per change, or one row with null
    /// change columns when there is none.
    /// </summary>
    private const string VersionAndChangesSql =
        "SELECT v.version, c.version, c.previous_version, c.kind, c.entity_id FROM config_version v " +
        "LEFT JOIN config_changes c ON c.version > @after AND c.version <= v.version " +
        "WHERE v.id = 1 ORDER BY c.version, c.id LIMIT @limit";

    /// <summary>
    /// PostgreSQL reads the version, the changes and the changed keys in one command, one round trip: the explicit
    /// read-only snapshot inside the command keeps the three consistent. An id this build did not write matches no
    /// key (the CASE guards the cast) and the change list then sends the caller to a full load.
    /// </summary>
    private const string PostgresOneTripSql =
        "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; " + VersionAndChangesSql + "; " +
        "SELECT " + ConfigurationReader.VirtualKeyColumns + " FROM virtual_keys WHERE id IN (" +
        "SELECT CASE WHEN entity_id ~ '^[0-9]{1,18}$' THEN entity_id::bigint END FROM config_changes " +
        "WHERE kind = @key_kind AND version > @after AND version <= (SELECT version FROM config_version WHERE id = 1)) ORDER BY id; COMMIT";

    /// <summary>Reads the delta from <paramref name="afterVersion"/> to the database's version, or null when a full load is needed.</summary>
    /// <param name="session">A read transaction.</param>
    /// <param name="afterVersion">The version the caller's snapshot was built from.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<ConfigurationDelta?> LoadAsync(DbSession session, long afterVersion, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync(VersionAndChangesSql, ReadChangeRow, cancellationToken, ("@after", afterVersion), ("@limit", MaximumChanges + 1)).ConfigureAwait(false);
        var plan = Plan(rows, afterVersion);
        if (plan.Changes is not { } changes)
        {
            return plan.Outcome;
        }

        var keyIds = changes.KeyIds;
        var userIds = changes.UserIds;
        var (keyList, keyParameters) = SqlLists.In("@key", keyIds);
        return new ConfigurationDelta
        {
            FromVersion = afterVersion,
            ToVersion = changes.Version,
            VirtualKeyIds = keyIds,
            VirtualKeys = keyIds.Count == 0 ? [] :
                await ConfigurationReader.ReadVirtualKeysAsync(session, $"WHERE id IN ({keyList})", cancellationToken, keyParameters).ConfigureAwait(false),
            UserIds = userIds,
            Users = userIds.Length == 0 ? Abstractions.Tenancy.TenancyData.Empty :
                await TenancyReader.LoadAsync(session, userIds, cancellationToken).ConfigureAwait(false),
            Catalog = changes.CatalogChanged ? await ConfigurationReader.LoadCatalogAsync(session, cancellationToken).ConfigureAwait(false) : null,
            Settings = changes.SettingsChanged && !changes.CatalogChanged ? await ConfigurationReader.ReadSettingsAsync(session, cancellationToken).ConfigureAwait(false) : null,
        };
    }

    /// <summary>
    /// Reads the delta in one round trip when every change is to a virtual key (PostgreSQL; creating or revoking a key
    /// waits on this read). Returns <c>Complete: false</c> when other entities changed and <see cref="LoadAsync"/> must read.
    /// </summary>
    /// <param name="session">A session without a transaction (<see cref="PostgresDialect.BeginOneCommandAsync"/>).</param>
    /// <param name="afterVersion">The version the caller's snapshot was built from.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<(ConfigurationDelta? Delta, bool Complete)> LoadKeyChangesInOneTripAsync(DbSession session, long afterVersion, CancellationToken cancellationToken)
    {
        var (rows, keys) = await session.QueryTwoAsync(
            PostgresOneTripSql,
            ReadChangeRow,
            r => ConfigurationReader.ReadVirtualKey(session.Dialect, r),
            cancellationToken,
            ("@after", afterVersion),
            ("@limit", MaximumChanges + 1),
            ("@key_kind", ConfigChangeKinds.VirtualKey)).ConfigureAwait(false);
        var plan = Plan(rows, afterVersion);
        if (plan.Changes is not { } changes)
        {
            return (plan.Outcome, true);
        }

        if (changes.UserIds.Length > 0 || changes.CatalogChanged || changes.SettingsChanged)
        {
            return (null, false);
        }

        return (new ConfigurationDelta { FromVersion = afterVersion, ToVersion = changes.Version, VirtualKeyIds = changes.KeyIds, VirtualKeys = keys }, true);
    }

    private static ChangeRow ReadChangeRow(System.Data.Common.DbDataReader r) =>
        new(r.GetInt64(0), r.IsDBNull(1) ? default : (r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4)));

    /// <summary>Decides from the version and change rows whether a delta can be applied, and which entities it reads.</summary>
    /// <returns>The changes to read, or, when there is nothing to read, the outcome: an empty delta (no change) or null (a full load).</returns>
    private static DeltaPlan Plan(List<ChangeRow> rows, long afterVersion)
    {
        if (rows.Count == 0)
        {
            return DeltaPlan.Done(null); // no version row: not a database this build migrated
        }

        var version = rows[0].DatabaseVersion;
        if (version == afterVersion)
        {
            return DeltaPlan.Done(new ConfigurationDelta { FromVersion = afterVersion, ToVersion = version });
        }

        if (version < afterVersion)
        {
            return DeltaPlan.Done(null); // a database restored from an older backup
        }

        var changes = rows.Where(r => r.Change.Kind is not null).Select(r => r.Change).ToList();
        if (changes.Count > MaximumChanges || !Covers(changes, afterVersion, version) || changes.Any(c => !ConfigChangeKinds.IsKnown(c.Kind)))
        {
            return DeltaPlan.Done(null);
        }

        var keyIds = new List<long>();
        foreach (var id in Ids(changes, ConfigChangeKinds.VirtualKey))
        {
            if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var keyId))
            {
                return DeltaPlan.Done(null); // not written by this build: let a full load decide
            }

            keyIds.Add(keyId);
        }

        return new DeltaPlan(
            null, new PlannedChanges(version, keyIds, Ids(changes, ConfigChangeKinds.User), changes.Any(c => c.Kind == ConfigChangeKinds.Catalog), changes.Any(c => c.Kind == ConfigChangeKinds.Setting)));
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

    /// <summary>One row of <see cref="VersionAndChangesSql"/>: the database's version and one change (default when none).</summary>
    private readonly record struct ChangeRow(long DatabaseVersion, (long Version, long Previous, string Kind, string EntityId) Change);

    /// <summary>The entities a delta from the recorded changes reads.</summary>
    private sealed record PlannedChanges(long Version, List<long> KeyIds, string[] UserIds, bool CatalogChanged, bool SettingsChanged);

    /// <summary>Either the changes to read, or the outcome when there is nothing to read.</summary>
    private readonly record struct DeltaPlan(ConfigurationDelta? Outcome, PlannedChanges? Changes)
    {
        public static DeltaPlan Done(ConfigurationDelta? outcome) => new(outcome, null);
    }
}
