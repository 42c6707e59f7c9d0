using Switchboard.Core.Routing.Strategies;
using static Switchboard.Core.Tests.Routing.Strategies.StrategyTestBase;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class PriorityStrategyTests
{
    [Fact]
    public void Priority_AllHealthy_FirstSourceServesEverything()
    {
        var (driver, _) = Drive(RoutingStrategies.Priority, new("a"), new("b"), new("c"));

        Assert.Equal(new Dictionary<string, int> { ["a"] = 100 }, driver.Distribution(100));
    }

    [Fact]
    public void Priority_FailingSources_FallThroughInConfiguredOrder()
    {
        var (driver, _) = Drive(RoutingStrategies.Priority, new("a"), new("b"), new("c"));
        var down = new HashSet<string> { "a" };
        driver.Outcome = (source, _) => down.Contains(source.Platform.Name) ? ServerError : null;

        var first = driver.SendDetailed();
        down.Add("b");
        var second = driver.SendDetailed();

        Assert.Equal("b", first.Served);
        Assert.Equal(["a", "b"], first.Attempts.Select(a => a.Platform));
        Assert.Equal("c", second.Served);
        Assert.Equal(["a", "b", "c"], second.Attempts.Select(a => a.Platform));
    }

    [Fact]
    public void Priority_LowerPriorityNumberFirst_WhateverTheDeclaredOrder()
    {
        var (driver, _) = Drive(null, new("late", Priority: 2), new("early", Priority: 1));

        Assert.Equal("early", driver.Send());
    }

    [Fact]
    public void Weighted_WithPriorityGroups_BalancesFirstGroupAndFallsBackToSecond()
    {
        var (driver, _) = Drive(RoutingStrategies.Weighted, new("a", Priority: 0, Weight: 3), new("b", Priority: 0, Weight: 1), new("backup", Priority: 1));
        var down = new HashSet<string>();
        driver.Outcome = (source, _) => down.Contains(source.Platform.Name) ? ServerError : null;

        var healthy = driver.Distribution(4000);
        down.UnionWith(["a", "b"]);
        var degraded = driver.Distribution(100);

        Assert.False(healthy.ContainsKey("backup"));
        Assert.InRange(healthy["a"] / 4000.0, 0.72, 0.78);
        Assert.Equal(new Dictionary<string, int> { ["backup"] = 100 }, degraded);
    }
}
