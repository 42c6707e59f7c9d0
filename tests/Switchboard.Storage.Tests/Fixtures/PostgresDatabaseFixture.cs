using System.Collections.Concurrent;
using Npgsql;
using Switchboard.Testing;

namespace Switchboard.Storage.Tests.Fixtures;

/// <summary>Gives each test a fresh PostgreSQL database with a random name, and drops them all when the class ends.</summary>
/// <remarks>The server comes from <c>SWITCHBOARD_TEST_POSTGRES</c>. Without it every PostgreSQL test fails: they never skip.</remarks>
public sealed class PostgresDatabaseFixture : DatabaseFixture, IAsyncLifetime
{
    private readonly PostgresTestServer _server = new();
    private readonly string _prefix = "sbtest_" + Guid.NewGuid().ToString("N")[..10];
    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);
    private int _next;

    public override string ProviderName => "postgres";

    public override async Task<string> CreateDatabaseAsync()
    {
        var name = $"{_prefix}_{Interlocked.Increment(ref _next)}";
        var connectionString = await _server.CreateDatabaseAsync(name);
        _created[name] = true;
        return connectionString;
    }

    public override async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await _server.DropDatabaseAsync(name);
        _created.TryRemove(name, out _);
    }

    public Task InitializeAsync() => _server.ExecuteAsync("SELECT 1");

    public async Task DisposeAsync()
    {
        foreach (var name in _created.Keys)
        {
            await _server.DropDatabaseAsync(name);
        }
    }
}
