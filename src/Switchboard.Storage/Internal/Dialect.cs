using System.Data.Common;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Migrations;

namespace Switchboard.Storage.Internal;

/// <summary>Hides what differs between SQLite and PostgreSQL: connections, value encodings, DDL and bulk insert.</summary>
/// <remarks>Everything else is written once in SQL both databases accept (<c>ON CONFLICT</c>, <c>RETURNING</c>, <c>true</c>/<c>false</c>).</remarks>
internal abstract class Dialect : IAsyncDisposable
{
    /// <summary>Gets the provider name: <c>sqlite</c> or <c>postgres</c>.</summary>
    public abstract string ProviderName { get; }

    /// <summary>Gets a description of the target that is safe to log (no password).</summary>
    public abstract string SafeDescription { get; }

    /// <summary>Gets the statement that creates <c>schema_migrations</c> when missing.</summary>
    public abstract string CreateMigrationsTableSql { get; }

    /// <summary>Gets a query returning 1 when <c>schema_migrations</c> exists and 0 otherwise.</summary>
    public abstract string MigrationsTableExistsSql { get; }

    /// <summary>Gets an SQL expression for the database's current time, encoded as <see cref="Time"/> encodes instants.</summary>
    /// <remarks>Rows that replicas poll by time are stamped with it, so the replicas' own clocks never decide what is new.</remarks>
    public abstract string NowSql { get; }

    /// <summary>
    /// Gets the gate write transactions of this process pass one at a time, or null when the database has many writers.
    /// </summary>
    /// <remarks>
    /// SQLite has one writer, and a second one waits for the file lock inside synchronous ADO.NET calls, holding a
    /// thread-pool thread for the whole wait; on a one-CPU host that stalls requests. Queuing on an async gate first
    /// means in-process writers (usage, routing log, counters) never wait on each other inside SQLite.
    /// </remarks>
    protected virtual SemaphoreSlim? WriteGate => null;

    private static readonly TimeSpan WriteGateTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Opens a connection and starts a transaction on it.</summary>
    public async Task<DbSession> BeginAsync(bool readOnly, CancellationToken cancellationToken)
    {
        // A write that cannot pass the gate in time goes ahead and waits on the database's own lock instead,
        // so a session opened inside another write session is slow rather than stuck.
        // The gate's wait resumes on the caller's context on purpose (no ConfigureAwait(false)): a background writer on
        // its own thread (DedicatedThread in Core) then opens the transaction, and waits for another process's lock,
        // on that thread rather than on the pool thread that released the gate.
        var gate = readOnly ? null : WriteGate;
        if (gate is not null && !await gate.WaitAsync(WriteGateTimeout, cancellationToken))
        {
            gate = null;
        }

        DbConnection? connection = null;
        try
        {
            connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await BeginTransactionAsync(connection, readOnly, cancellationToken).ConfigureAwait(false);
            return new DbSession(connection, transaction, this, gate);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            gate?.Release();
            throw;
        }
    }

    /// <summary>Opens a session for work that is one command (which may hold several statements).</summary>
    /// <remarks>
    /// A dialect whose commit is a round trip of its own runs the command as the database's implicit transaction
    /// instead (<see cref="PostgresDialect"/>); the others open a transaction as <see cref="BeginAsync"/> does.
    /// </remarks>
    public virtual Task<DbSession> BeginOneCommandAsync(bool readOnly, CancellationToken cancellationToken) => BeginAsync(readOnly, cancellationToken);

    /// <summary>Opens a connection with the per-connection settings applied.</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction: a write transaction takes the write lock early (SQLite) and a read one sees one snapshot.</summary>
    public abstract ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, bool readOnly, CancellationToken cancellationToken);

    /// <summary>Takes an exclusive lock (see <see cref="AdvisoryLocks"/>) held until the session's transaction ends.</summary>
    public abstract Task LockAsync(DbSession session, long key, CancellationToken cancellationToken);

    /// <summary>Picks the migration's SQL for this database.</summary>
    public abstract string MigrationSql(Migration migration);

    /// <summary>Encodes a UTC instant as a parameter value.</summary>
    public abstract object Time(DateTimeOffset value);

    /// <summary>Decodes an instant written by <see cref="Time"/>.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Encodes an exact decimal as a parameter value.</summary>
    public abstract object Money(decimal value);

    /// <summary>Decodes an exact decimal written by <see cref="Money"/>.</summary>
    public abstract decimal ReadMoney(DbDataReader reader, int ordinal);

    /// <summary>Opens a feed of the configuration version on a dedicated connection (see <see cref="IConfigVersionFeed"/>).</summary>
    public abstract Task<IConfigVersionFeed> OpenConfigVersionFeedAsync(CancellationToken cancellationToken);

    /// <summary>Inserts usage records, skipping request ids that exist; returns how many rows were added.</summary>
    public abstract Task<int> InsertUsageAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken);

    /// <summary>Encodes an optional instant, or DBNull.</summary>
    public object TimeOrNull(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    /// <summary>Encodes an optional decimal, or DBNull.</summary>
    public object MoneyOrNull(decimal? value) => value is { } v ? Money(v) : DBNull.Value;

    /// <summary>Decodes an optional instant.</summary>
    public DateTimeOffset? ReadTimeOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);

    /// <summary>Decodes an optional decimal.</summary>
    public decimal? ReadMoneyOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadMoney(reader, ordinal);

    /// <summary>Releases pooled resources.</summary>
    public abstract ValueTask DisposeAsync();
}
