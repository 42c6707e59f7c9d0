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

    private const string PostgresInsertSql =
        "INSERT INTO config_changes (version, previous_version, kind, entity_id) " +
        "SELECT version, version - 1, @kind, @entity_id FROM config_version WHERE id = 1 AND bumped_by_xact = txid_current()";

    private const string SqliteInsertSql =
        "INSERT INTO config_changes (version, previous_version, kind, entity_id) " +
        "SELECT version, @start, @kind, @entity_id FROM config_version WHERE id = 1 AND version > @start";

    private const string PruneSql =
        "DELETE FROM config_changes WHERE version <= (SELECT version FROM config_version WHERE id = 1) - @retained";

    /// <summary>Returns the version at the start of a write transaction (SQLite), or 0 where the database tells the range itself (PostgreSQL).</summary>
    public static async Task<long> StartAsync(DbSession session, CancellationToken cancellationToken) =>
        session.Dialect is PostgresDialect ? 0 : await session.ScalarInt64Async(ConfigVersionTable.ReadSql, cancellationToken).ConfigureAwait(false);

    /// <summary>Records that this transaction changed <paramref name="entityId"/> of <paramref name="kind"/>; records nothing when the transaction moved no version.</summary>
    public static async Task RecordAsync(DbSession session, long start, string kind, string entityId, CancellationToken cancellationToken)
    {
        var sql = session.Dialect is PostgresDialect ? PostgresInsertSql : SqliteInsertSql;
        await session.ExecuteAsync(sql, cancellationToken, ("@start", start), ("@kind", kind), ("@entity_id", entityId)).ConfigureAwait(false);

        // Bounded: one indexed range delete per write, which finds nothing most of the time.
        await session.ExecuteAsync(PruneSql, cancellationToken, ("@retained", RetainedVersions)).ConfigureAwait(false);
    }
}
