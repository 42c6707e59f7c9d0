using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Usage;

namespace Switchboard.Storage.Internal;

/// <summary>Talks to an embedded SQLite file: WAL journal, <c>synchronous=NORMAL</c>, foreign keys on (connection string), a busy timeout, a 1 MiB page cache per connection.</summary>
/// <remarks>Instants are stored as UTC unix milliseconds (index-friendly integers); money as invariant decimal text.</remarks>
internal sealed class SqliteDialect : Dialect
{
    private const string PerConnectionPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -1024;";

    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;
    private readonly SemaphoreSlim _writeGate = new(1, 1); // never disposed: a late session may still release it
    private readonly ConditionalWeakTable<sqlite3, object> _configured = []; // physical connections that have the pragmas
    private int _journalModeSet;

    private SqliteDialect(string connectionString, string target, SqliteConnection? keepAlive)
    {
        _connectionString = connectionString;
        SafeDescription = target;
        _keepAlive = keepAlive;
    }

    /// <inheritdoc />
    public override string ProviderName => "sqlite";

    /// <inheritdoc />
    protected override SemaphoreSlim? WriteGate => _writeGate;

    /// <inheritdoc />
    public override string SafeDescription { get; }

    /// <inheritdoc />
    public override string CreateMigrationsTableSql =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT";

    /// <inheritdoc />
    public override string MigrationsTableExistsSql =>
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

    /// <inheritdoc />
    /// <remarks>Unix milliseconds from <c>julianday('now')</c>, which every SQLite version has and which is fixed for one statement.</remarks>
    public override string NowSql => "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";

    /// <summary>Normalizes the connection string, creates the file's directory and, for in-memory databases, keeps one connection open.</summary>
    public static SqliteDialect Create(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var memory = builder.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(builder.DataSource)
            || string.Equals(builder.DataSource, ":memory:", StringComparison.Ordinal);
        builder.ForeignKeys = true;
        if (memory)
        {
            // Each call uses its own connection, so a private :memory: database would vanish between calls:
            // share one named in-memory database and hold it open for the store's lifetime.
            if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:")
            {
                builder.DataSource = "switchboard-" + Guid.NewGuid().ToString("N");
            }

            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
            var keepAlive = new SqliteConnection(builder.ToString());
            keepAlive.Open();
            return new SqliteDialect(builder.ToString(), "memory:" + builder.DataSource, keepAlive);
        }

        if (builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteDialect(builder.ToString(), builder.DataSource, null); // A URI filename is passed through as written.
        }

        var path = Path.GetFullPath(builder.DataSource);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        builder.DataSource = path;
        return new SqliteDialect(builder.ToString(), path, null);
    }

    /// <inheritdoc />
    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // SQLite's calls are synchronous, even the async ones, and may wait for the write lock. A caller on a thread
        // of its own with no context to come back to is the socket engine's thread when the server runs socket
        // completions inline (Switchboard.Server's SocketCompletions): blocking it would stall every connection it
        // serves, so the session moves to the thread pool first. The background writers keep their dedicated thread
        // (it has a context), and thread-pool callers stay where they are.
        if (SynchronizationContext.Current is null && !Thread.CurrentThread.IsThreadPoolThread)
        {
            await Task.Yield();
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // Pooled connections keep their settings: configure each physical connection once, not every session.
            var handle = connection.Handle!;
            if (_configured.TryGetValue(handle, out _))
            {
                return connection;
            }

            await using var command = connection.CreateCommand();
            if (_keepAlive is null && Interlocked.Exchange(ref _journalModeSet, 1) == 0)
            {
                // WAL is a property of the file: set it once per store, outside any transaction.
                command.CommandText = "PRAGMA journal_mode = WAL;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            command.CommandText = PerConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _configured.AddOrUpdate(handle, handle);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public override ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, bool readOnly, CancellationToken cancellationToken)
    {
        // Writers use BEGIN IMMEDIATE so two writers queue on the busy timeout instead of failing on lock upgrade.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(deferred: readOnly);
        return ValueTask.FromResult(transaction);
    }

    /// <inheritdoc />
    public override Task LockAsync(DbSession session, long key, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BEGIN IMMEDIATE already holds the database's single write lock.

    /// <inheritdoc />
    public override string MigrationSql(Migration migration) => migration.SqliteSql;

    /// <inheritdoc />
    public override object Time(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <inheritdoc />
    public override object Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override decimal ReadMoney(DbDataReader reader, int ordinal) =>
        decimal.Parse(reader.GetString(ordinal), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override async Task<IConfigVersionFeed> OpenConfigVersionFeedAsync(CancellationToken cancellationToken) =>
        await SqliteConfigVersionFeed.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override Task<int> InsertUsageAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken) =>
        SqliteUsageWriter.InsertAsync(session, records, cancellationToken);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        // Close this store's pooled connections so the file is released (other stores keep their own pools).
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync().ConfigureAwait(false);
        }
    }
}
