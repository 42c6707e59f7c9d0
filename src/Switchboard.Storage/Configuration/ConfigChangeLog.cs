using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Configuration;

/// <summary>Records in <c>config_changes</c> which entities a configuration write changed, in the writing transaction.</summary>
/// <remarks>
/// A writer calls <see cref="StartAsync"/> before its first write and <see cref="RecordAsync"/> after its last, and
/// records a change only when the change names everything the transaction wrote: the row claims every version bump
/// of the transaction, so a replica that applies it skips nothing. PostgreSQL bumps once per transaction (the row
/// covers <c>version - 1</c> to <c>version</c>, found through <c>bumped_by_xact</c>); SQLite bumps once per written row
/// and serializes writers (<c>BEGIN IMMEDIATE</c>), so the version read at the start is the one the range starts from.
/// </remarks>
internal static class ConfigChangeLog
{
    /// <summary>How many versions of changes are kept; a replica further behind than this loads everything.</summary>
    public const long RetainedVersions = 10_000;

    private const string PruneSql =
        "DELETE FROM config_changes WHERE version <= (SELECT version FROM config_version WHERE id = 1) - @retained";

    private const string SqliteInsertSql =
        "INSERT INTO config_changes (version, previous_version, kind, entity_id) " +
        "SELECT version, @start, @kind, @entity_id FROM config_version WHERE id = 1 AND version > @start";

    /// <summary>The statements that record an inserted virtual key on PostgreSQL, to follow its INSERT in the same command.</summary>
    /// <remarks>The key's id is not known before the INSERT runs, so the record reads it from the identity's sequence.</remarks>
    public static readonly string PostgresRecordInsertedKeySql = PostgresRecordSql("currval(pg_get_serial_sequence('virtual_keys', 'id'))::text");

    private static readonly string PostgresRecordEntitySql = PostgresRecordSql("@entity_id");

    /// <summary>Returns the version at the start of a write transaction (SQLite), or 0 where the database tells the range itself (PostgreSQL).</summary>
    public static async Task<long> StartAsync(DbSession session, CancellationToken cancellationToken) =>
        session.Dialect is PostgresDialect ? 0 : await session.ScalarInt64Async(ConfigVersionTable.ReadSql, cancellationToken).ConfigureAwait(false);

    /// <summary>Records that this transaction changed <paramref name="entityId"/> of <paramref name="kind"/>; records nothing when the transaction moved no version.</summary>
    public static async Task RecordAsync(DbSession session, long start, string kind, string entityId, CancellationToken cancellationToken)
    {
        // Bounded: the prune is one indexed range delete per write, which finds nothing most of the time.
        if (session.Dialect is PostgresDialect)
        {
            await session.ExecuteAsync(PostgresRecordEntitySql, cancellationToken, ("@kind", kind), ("@entity_id", entityId), ("@retained", RetainedVersions)).ConfigureAwait(false);
            return;
        }

        await session.ExecuteAsync(SqliteInsertSql, cancellationToken, ("@start", start), ("@kind", kind), ("@entity_id", entityId)).ConfigureAwait(false);
        await session.ExecuteAsync(PruneSql, cancellationToken, ("@retained", RetainedVersions)).ConfigureAwait(false);
    }

    /// <summary>
    /// PostgreSQL records and prunes in one command: Npgsql sends its statements in one round trip, and each still sees
    /// the version bump of the statements before it.
    /// </summary>
    /// <param name="entityIdSql">The SQL expression of the changed entity's id.</param>
    private static string PostgresRecordSql(string entityIdSql) =>
        "INSERT INTO config_changes (version, previous_version, kind, entity_id) " +
        "SELECT version, version - 1, @kind, " + entityIdSql + " FROM config_version WHERE id = 1 AND bumped_by_xact = txid_current(); " + PruneSql;
}
