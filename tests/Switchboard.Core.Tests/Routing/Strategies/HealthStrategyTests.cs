using Switchboard.Core.Routing.Strategies;
using static Switchboard.Core.Tests.Routing.Strategies.StrategyTestBase;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class HealthStrategyTests
{
    [Fact]
    public void Health_EquallyHealthy_TakeTurns()
    {
        var (driver, _) = Drive(RoutingStrategies.Health, new("a"), new("b"));

        var served = driver.Distribution(100);

        Assert.Equal(50, served["a"]);
        Assert.Equal(50, served["b"]);
    }

    [Fact]
    public void Health_OneSourceFailsEveryThirdCall_HealthierSourceTakesTheTrafficUntilTheSpellIsForgiven()
    {
        var (driver, clock) = Drive(RoutingStrategies.Health, new("flaky"), new("solid"));
        var flakyCalls = 0;
        driver.Outcome = (source, _) => source.Platform.Name == "flaky" && ++flakyCalls % 3 == 0 ? ServerError : null;

        driver.Distribution(30, TimeSpan.FromMilliseconds(100));
        var preferred = driver.Distribution(100, TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromMinutes(5));
        var forgiven = driver.Distribution(2);

        Assert.True(preferred.GetValueOrDefault("solid") >= 95, $"solid served {preferred.GetValueOrDefault("solid")}");
        Assert.Contains("flaky", forgiven.Keys);
    }

    [Fact]
    public void Health_SlowSource_ScoresLowerThanFastOne()
    {
        var (driver, _) = Drive(RoutingStrategies.Health, new("slow"), new("fast"));
        driver.Latency = source => source.Platform.Name == "slow" ? TimeSpan.FromSeconds(8) : TimeSpan.FromMilliseconds(200);

        driver.Distribution(4);
        var served = driver.Distribution(20);

        Assert.Equal(20, served["fast"]);
    }
}
