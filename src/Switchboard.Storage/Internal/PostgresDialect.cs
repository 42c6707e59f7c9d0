using System.Data;
using System.Data.Common;
using Npgsql;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Usage;

namespace Switchboard.Storage.Internal;

/// <summary>Talks to a shared PostgreSQL database through one pooled <see cref="NpgsqlDataSource"/>.</summary>
/// <remarks>Instants are <c>timestamptz</c> (UTC); money is <c>numeric</c>.</remarks>
internal sealed class PostgresDialect : Dialect
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _feedSource;

    /// <summary>Initializes a new instance of the <see cref="PostgresDialect"/> class.</summary>
    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        SafeDescription = $"{builder.ConnectionStringBuilder.Host}:{builder.ConnectionStringBuilder.Port}/{builder.ConnectionStringBuilder.Database}";
        _dataSource = builder.Build();

        // The configuration feed keeps one connection for LISTEN: unpooled, so a connection the server killed is never
        // reused, and named, so it can be found in pg_stat_activity.
        var feed = new NpgsqlDataSourceBuilder(connectionString);
        feed.ConnectionStringBuilder.Pooling = false;
        feed.ConnectionStringBuilder.Multiplexing = false;
        feed.ConnectionStringBuilder.ApplicationName = PostgresConfigVersionFeed.ApplicationName;
        _feedSource = feed.Build();
    }

    /// <inheritdoc />
    public override string ProviderName => "postgres";

    /// <inheritdoc />
    public override string SafeDescription { get; }

    /// <inheritdoc />
    public override string CreateMigrationsTableSql =>
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)";

    /// <inheritdoc />
    public override string MigrationsTableExistsSql =>
        "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END";

    /// <inheritdoc />
    /// <remarks><c>clock_timestamp()</c> rather than <c>now()</c>: the time of the statement, not of its transaction's start.</remarks>
    public override string NowSql => "clock_timestamp()";

    /// <inheritdoc />
    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, bool readOnly, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection)
            .BeginTransactionAsync(readOnly ? IsolationLevel.RepeatableRead : IsolationLevel.ReadCommitted, cancellationToken)
            .ConfigureAwait(false);

    /// <inheritdoc />
    public override Task LockAsync(DbSession session, long key, CancellationToken cancellationToken) =>
        session.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("@key", key));

    /// <inheritdoc />
    public override string MigrationSql(Migration migration) => migration.PostgresSql;

    /// <inheritdoc />
    public override object Time(DateTimeOffset value) => value.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <inheritdoc />
    public override object Money(decimal value) => value;

    /// <inheritdoc />
    public override decimal ReadMoney(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    /// <inheritdoc />
    public override async Task<IConfigVersionFeed> OpenConfigVersionFeedAsync(CancellationToken cancellationToken) =>
        await PostgresConfigVersionFeed.OpenAsync(_feedSource, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override Task<int> InsertUsageAsync(DbSession session, IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken) =>
        PostgresUsageWriter.InsertAsync(session, records, cancellationToken);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _feedSource.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
