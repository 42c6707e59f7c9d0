using Switchboard.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Two gateways on one SQLite file (one data directory).</summary>
public sealed class SqliteSharedRoutingStateTests(ITestOutputHelper output) : SharedRoutingStateTests(output)
{
    protected override async Task<(GatewayHost One, GatewayHost Two)> StartPairAsync(string yaml)
    {
        var one = await GatewayHost.StartAsync(yaml);
        try
        {
            // The second shares the first's directory and file; the first deletes it when disposed last.
            var two = await GatewayHost.StartAsync(yaml, dataDirectory: one.DataDirectory);
            two.KeepDataOnDispose = true;
            return (one, two);
        }
        catch
        {
            await one.DisposeAsync();
            throw;
        }
    }
}
