using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing.Strategies;
using static Switchboard.Core.Tests.Routing.Strategies.StrategyTestBase;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class CostStrategyTests
{
    private static readonly SourceSpec[] Sources =
    [
        new("premium", InputPrice: 10m, OutputPrice: 30m),
        new("budget", InputPrice: 1m, OutputPrice: 2m),
        new("middle", InputPrice: 2.5m, OutputPrice: 2.5m),
    ];

    [Fact]
    public void Cost_AllHealthy_CheapestServesEverything()
    {
        var (driver, _) = Drive(RoutingStrategies.Cost, Sources);

        Assert.Equal(new Dictionary<string, int> { ["budget"] = 50 }, driver.Distribution(50));
    }

    [Fact]
    public void Cost_CheapestKeepsFailing_NextCheapestHealthyServes()
    {
        var (driver, _) = Drive(RoutingStrategies.Cost, Sources);
        driver.Outcome = (source, _) => source.Platform.Name == "budget" ? ServerError : null;

        var first = driver.SendDetailed();
        var served = driver.Distribution(20);

        Assert.Equal(["budget", "middle"], first.Attempts.Select(a => a.Platform));
        Assert.Equal(new Dictionary<string, int> { ["middle"] = 20 }, served);
        Assert.Equal(["middle"], driver.SendDetailed().Attempts.Select(a => a.Platform));
    }

    [Fact]
    public void Cost_CheapestRateLimited_NextCheapestUntilCooldownEnds()
    {
        var (driver, clock) = Drive(RoutingStrategies.Cost, Sources);
        var limited = true;
        driver.Outcome = (source, _) => limited && source.Platform.Name == "budget"
            ? new UpstreamError(UpstreamErrorKind.RateLimited, "slow") { RetryAfter = TimeSpan.FromSeconds(10) }
            : null;

        Assert.Equal("middle", driver.Send());
        limited = false;
        Assert.Equal("middle", driver.Send());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("budget", driver.Send());
    }

    [Fact]
    public void Cost_EqualPrices_TakeTurns()
    {
        var (driver, _) = Drive(RoutingStrategies.Cost, new("x", InputPrice: 1m), new("y", InputPrice: 1m), new("dear", InputPrice: 9m));

        var served = driver.Distribution(100);

        Assert.Equal(50, served["x"]);
        Assert.Equal(50, served["y"]);
    }
}
