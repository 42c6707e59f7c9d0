using Switchboard.Core.Routing.Strategies;
using static Switchboard.Core.Tests.Routing.Strategies.StrategyTestBase;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class LatencyStrategyTests
{
    [Fact]
    public void Latency_SourceSlowsDownThenRecovers_TrafficMovesAwayAndBack()
    {
        var (driver, _) = Drive(RoutingStrategies.Latency, new("a"), new("b"));
        var aLatency = TimeSpan.FromMilliseconds(100);
        driver.Latency = source => source.Platform.Name == "a" ? aLatency : TimeSpan.FromMilliseconds(300);
        var gap = TimeSpan.FromSeconds(1);

        var fast = driver.Distribution(60, gap);
        aLatency = TimeSpan.FromSeconds(2);
        var slowed = driver.Distribution(60, gap);
        aLatency = TimeSpan.FromMilliseconds(100);
        driver.Distribution(120, gap);
        var recovered = driver.Distribution(60, gap);

        Assert.True(fast["a"] >= 58, $"a served {fast["a"]} of 60 while fastest");
        Assert.True(slowed["b"] >= 54, $"b served {slowed["b"]} of 60 while a was slow");
        Assert.True(slowed.GetValueOrDefault("a") >= 1, "a was probed again while slow");
        Assert.True(recovered["a"] >= 58, $"a served {recovered["a"]} of 60 after recovering");
    }

    [Fact]
    public void Latency_NewSource_IsMeasuredBeforeBeingRanked()
    {
        var (driver, _) = Drive(RoutingStrategies.Latency, new("known"), new("new"));
        driver.Latency = _ => TimeSpan.FromMilliseconds(50);

        var served = driver.Distribution(2);

        Assert.Equal(1, served["known"]);
        Assert.Equal(1, served["new"]);
    }
}
