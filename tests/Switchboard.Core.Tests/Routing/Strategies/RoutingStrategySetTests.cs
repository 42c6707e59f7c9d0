using Switchboard.Core.Routing.Strategies;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class RoutingStrategySetTests
{
    [Fact]
    public void BuiltIn_HasEveryNamedStrategy()
    {
        string[] names = [RoutingStrategies.Priority, RoutingStrategies.Cost, RoutingStrategies.RoundRobin, RoutingStrategies.Weighted,
            RoutingStrategies.Health, RoutingStrategies.Latency, RoutingStrategies.LeastBusy];

        Assert.Equal(names.Order(), RoutingStrategySet.BuiltIn.Names.Order());
        Assert.All(names, n => Assert.Equal(n, RoutingStrategySet.BuiltIn.Resolve(n).Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fastest-please")]
    public void Resolve_NoneOrUnknown_IsPriority(string? name) =>
        Assert.Equal(RoutingStrategies.Priority, RoutingStrategySet.BuiltIn.Resolve(name).Name);

    [Fact]
    public void Resolve_IgnoresCase() =>
        Assert.Equal(RoutingStrategies.LeastBusy, RoutingStrategySet.BuiltIn.Resolve("LEAST_BUSY").Name);
}
