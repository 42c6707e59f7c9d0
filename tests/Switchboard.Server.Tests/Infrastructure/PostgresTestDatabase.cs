using Switchboard.Testing;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Creates a fresh PostgreSQL database for one test and drops it afterwards, on the server <c>SWITCHBOARD_TEST_POSTGRES</c> names.</summary>
/// <remarks>Without that variable the test fails with a message saying how to set it, as the storage tests do: PostgreSQL tests never pass silently.</remarks>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly PostgresTestServer _server;
    private readonly string _name;

    private PostgresTestDatabase(PostgresTestServer server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>Gets the connection string of the fresh database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = new PostgresTestServer();
        var name = "sbgw_" + Guid.NewGuid().ToString("N")[..12];
        return new PostgresTestDatabase(server, name, await server.CreateDatabaseAsync(name));
    }

    public ValueTask DisposeAsync() => new(_server.DropDatabaseAsync(_name));
}
