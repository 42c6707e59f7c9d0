using Npgsql;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Creates a fresh PostgreSQL database for one test and drops it afterwards, on the server <c>SWITCHBOARD_TEST_POSTGRES</c> names.</summary>
/// <remarks>Without that variable the test fails with a message saying how to set it, as the storage tests do: PostgreSQL tests never pass silently.</remarks>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "SWITCHBOARD_TEST_POSTGRES";

    private readonly string _adminConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Gets the connection string of the fresh database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so this PostgreSQL test cannot run (it fails rather than skips). " +
                $"Start PostgreSQL and set it, e.g. {EnvironmentVariable}='Host=127.0.0.1;Port=5432;Username=sb;Password=sb;Database=postgres'.");
        var database = new PostgresTestDatabase(admin, "sbgw_" + Guid.NewGuid().ToString("N")[..12]);
        await database.ExecuteAdminAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
