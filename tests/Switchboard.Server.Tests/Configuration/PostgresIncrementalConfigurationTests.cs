using Switchboard.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Configuration;

/// <summary>Incremental configuration on a fresh PostgreSQL database (<c>SWITCHBOARD_TEST_POSTGRES</c>).</summary>
public sealed class PostgresIncrementalConfigurationTests(ITestOutputHelper output) : IncrementalConfigurationTests(output)
{
    private PostgresTestDatabase? _database;

    protected override bool Postgres => true;

    protected override string? ConnectionString => _database?.ConnectionString;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<string?> CreateDatabaseAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        return _database.ConnectionString;
    }
}
