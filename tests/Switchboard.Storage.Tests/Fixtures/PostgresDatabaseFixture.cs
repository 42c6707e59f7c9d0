using System.Collections.Concurrent;
using Npgsql;

namespace Switchboard.Storage.Tests.Fixtures;

/// <summary>Gives each test a fresh PostgreSQL database with a random name, and drops them all when the class ends.</summary>
/// <remarks>The server comes from <c>SWITCHBOARD_TEST_POSTGRES</c>. Without it every PostgreSQL test fails: they never skip.</remarks>
public sealed class PostgresDatabaseFixture : DatabaseFixture, IAsyncLifetime
{
    public const string EnvironmentVariable = "SWITCHBOARD_TEST_POSTGRES";

    private readonly string _adminConnectionString;
    private readonly string _prefix = "sbtest_" + Guid.NewGuid().ToString("N")[..10];
    private readonly ConcurrentDictionary<string, bool> _created = new(StringComparer.Ordinal);
    private int _next;

    public PostgresDatabaseFixture()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL storage tests cannot run (they fail rather than skip). " +
                $"Start PostgreSQL and set it, e.g. {EnvironmentVariable}='Host=127.0.0.1;Port=5432;Username=sb;Password=sb;Database=postgres'.");
    }

    public override string ProviderName => "postgres";

    public override async Task<string> CreateDatabaseAsync()
    {
        var name = $"{_prefix}_{Interlocked.Increment(ref _next)}";
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
        _created[name] = true;
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public override async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        _created.TryRemove(name, out _);
    }

    public Task InitializeAsync() => ExecuteAdminAsync("SELECT 1");

    public async Task DisposeAsync()
    {
        foreach (var name in _created.Keys)
        {
            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
