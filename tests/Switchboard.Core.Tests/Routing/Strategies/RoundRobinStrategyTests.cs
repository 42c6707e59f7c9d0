using Switchboard.Core.Routing.Strategies;
using static Switchboard.Core.Tests.Routing.Strategies.StrategyTestBase;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class RoundRobinStrategyTests
{
    [Fact]
    public void RoundRobin_ThreeSources_ExactlyEvenShares()
    {
        var (driver, _) = Drive(RoutingStrategies.RoundRobin, new("a"), new("b"), new("c"));

        var served = driver.Distribution(300);

        Assert.Equal([100, 100, 100], new[] { served["a"], served["b"], served["c"] });
    }

    [Fact]
    public void RoundRobin_OneSourceEjected_OthersShareItsTurns()
    {
        var (driver, _) = Drive(RoutingStrategies.RoundRobin, new("a"), new("b"), new("c"));
        driver.Outcome = (source, _) => source.Platform.Name == "b" ? ServerError : null;

        var served = driver.Distribution(300);

        Assert.False(served.ContainsKey("(failed)"));
        Assert.Equal(0, served.GetValueOrDefault("b"));
        Assert.InRange(served["a"], 140, 160);
    }
}
