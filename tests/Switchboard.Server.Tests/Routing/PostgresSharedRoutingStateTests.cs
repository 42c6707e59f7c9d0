using Switchboard.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Two gateways on one fresh PostgreSQL database (<c>SWITCHBOARD_TEST_POSTGRES</c>), each with its own data directory.</summary>
public sealed class PostgresSharedRoutingStateTests(ITestOutputHelper output) : SharedRoutingStateTests(output)
{
    private PostgresTestDatabase? _database;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<(GatewayHost One, GatewayHost Two)> StartPairAsync(string yaml)
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Switchboard"] = _database.ConnectionString };
        var one = await GatewayHost.StartAsync(yaml, settings: settings);
        try
        {
            return (one, await GatewayHost.StartAsync(yaml, settings: settings));
        }
        catch
        {
            await one.DisposeAsync();
            throw;
        }
    }
}
