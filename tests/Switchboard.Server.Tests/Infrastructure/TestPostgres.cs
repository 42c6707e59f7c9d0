using Npgsql;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>A fresh PostgreSQL database for one test, dropped afterwards, that the test can cut off and restore as an outage would.</summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly PostgresTestServer _server;

    private TestPostgres(PostgresTestServer server, string name, string connectionString)
    {
        _server = server;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestPostgres> CreateAsync()
    {
        var server = new PostgresTestServer();
        var name = "sbsrv_" + Guid.NewGuid().ToString("N")[..12];
        return new TestPostgres(server, name, await server.CreateDatabaseAsync(name));
    }

    /// <summary>Cuts the database off: its sessions are ended and new ones refused until <see cref="RestoreAsync"/>.</summary>
    public async Task CutOffAsync()
    {
        await _server.ExecuteAsync($"ALTER DATABASE \"{Name}\" WITH ALLOW_CONNECTIONS false");
        await _server.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND pid <> pg_backend_pid()");
    }

    /// <summary>Lets sessions in again after <see cref="CutOffAsync"/>.</summary>
    public Task RestoreAsync() => _server.ExecuteAsync($"ALTER DATABASE \"{Name}\" WITH ALLOW_CONNECTIONS true");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DropDatabaseAsync(Name);
    }
}
