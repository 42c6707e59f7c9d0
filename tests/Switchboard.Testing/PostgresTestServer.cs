using Npgsql;

namespace Switchboard.Testing;

/// <summary>Creates and drops throwaway databases on the PostgreSQL server that <c>SWITCHBOARD_TEST_POSTGRES</c> names.</summary>
/// <remarks>Without the variable every PostgreSQL test fails: they never skip.</remarks>
public sealed class PostgresTestServer
{
    public const string EnvironmentVariable = "SWITCHBOARD_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    public PostgresTestServer()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL tests cannot run (they fail rather than skip). " +
                $"Start PostgreSQL and set it, e.g. {EnvironmentVariable}='Host=127.0.0.1;Port=5432;Username=sb;Password=sb;Database=postgres'.");
    }

    /// <summary>Gets the connection string of the server's maintenance database.</summary>
    public string AdminConnectionString => _adminConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops a database, closing whatever connections it still has.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Runs one statement on the maintenance database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
