using Npgsql;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Creates a fresh PostgreSQL database for one test on the server <c>SWITCHBOARD_TEST_POSTGRES</c> names, and drops it afterwards.</summary>
/// <remarks>Without the variable the test fails rather than skips: the suite's script always starts PostgreSQL.</remarks>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly string _admin;

    private TestPostgres(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("SWITCHBOARD_TEST_POSTGRES is not set; start PostgreSQL (./scripts/test.sh does) and set it.");
        var database = new TestPostgres(admin, "sbsrv_" + Guid.NewGuid().ToString("N")[..12]);
        await database.ExecuteAdminAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    /// <summary>Cuts the database off as an outage would: its sessions are ended and new ones refused until <see cref="RestoreAsync"/>.</summary>
    public async Task CutOffAsync()
    {
        await ExecuteAdminAsync($"ALTER DATABASE \"{Name}\" WITH ALLOW_CONNECTIONS false");
        await ExecuteAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND pid <> pg_backend_pid()");
    }

    /// <summary>Lets sessions in again after <see cref="CutOffAsync"/>.</summary>
    public Task RestoreAsync() => ExecuteAdminAsync($"ALTER DATABASE \"{Name}\" WITH ALLOW_CONNECTIONS true");

    /// <summary>Runs a statement as the administrator on the database itself.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
