using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage;

/// <summary>Creates the store for a connection string: SQLite for <c>Data Source=…</c> or <c>Filename=…</c>, PostgreSQL for <c>Host=…</c>.</summary>
public static class SwitchboardStorage
{
    /// <summary>Gets the newest schema version this build knows; <see cref="SwitchboardDatabase.MigrateAsync"/> brings a database to it.</summary>
    public static int LatestSchemaVersion => Migrations.MigrationCatalog.LatestVersion;

    /// <summary>Creates a store; call <see cref="SwitchboardDatabase.MigrateAsync"/> before first use.</summary>
    /// <param name="connectionString">A SQLite (<c>Data Source=path</c>) or PostgreSQL (<c>Host=…</c>) connection string.</param>
    /// <param name="loggerFactory">The logger factory, or null for no logging.</param>
    /// <exception cref="ArgumentException">The connection string is neither SQLite nor PostgreSQL.</exception>
    public static SwitchboardDatabase Create(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Switchboard.Storage");
        Dialect dialect = IsPostgres(connectionString)
            ? new PostgresDialect(connectionString)
            : SqliteDialect.Create(connectionString);
        return new SwitchboardDatabase(dialect, logger, TimeProvider.System);
    }

    /// <summary>Returns true for a PostgreSQL connection string and false for a SQLite one.</summary>
    /// <remarks>The message of the exception never repeats the connection string, which may hold a password.</remarks>
    private static bool IsPostgres(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("The storage connection string is malformed.", nameof(connectionString));
        }

        if (builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename"))
        {
            return false;
        }

        if (builder.ContainsKey("Host"))
        {
            return true;
        }

        throw new ArgumentException(
            "The storage connection string names no database: use 'Data Source=path/to/switchboard.db' for SQLite or 'Host=…;Database=…' for PostgreSQL.",
            nameof(connectionString));
    }
}
