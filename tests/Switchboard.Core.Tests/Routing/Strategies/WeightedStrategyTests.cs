using Switchboard.Core.Routing.Strategies;
using static Switchboard.Core.Tests.Routing.Strategies.StrategyTestBase;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class WeightedStrategyTests
{
    [Fact]
    public void Weighted_SourceWeights532_SharesWithinTwoPercent()
    {
        var (driver, _) = Drive(RoutingStrategies.Weighted, new("a", Weight: 5), new("b", Weight: 3), new("c", Weight: 2));

        var served = driver.Distribution(20_000);

        Assert.InRange(served["a"] / 20_000.0, 0.48, 0.52);
        Assert.InRange(served["b"] / 20_000.0, 0.28, 0.32);
        Assert.InRange(served["c"] / 20_000.0, 0.18, 0.22);
    }

    [Fact]
    public void Weighted_KeyWeights_TargetShareIsSourceWeightTimesKeyWeight()
    {
        // a: weight 1 with keys 3 and 1 (4 in all); b: weight 2 with one key of weight 1 (2): a 4/6 split 3:1, b 2/6.
        var (driver, _) = Drive(RoutingStrategies.Weighted, new("a", Weight: 1, KeyWeights: [3, 1]), new("b", Weight: 2));
        var byKey = new Dictionary<long, int>();

        for (var i = 0; i < 24_000; i++)
        {
            var key = driver.SendDetailed().Attempts[^1].Key;
            byKey[key] = byKey.GetValueOrDefault(key) + 1;
        }

        Assert.InRange(byKey[100] / 24_000.0, 0.48, 0.52);
        Assert.InRange(byKey[101] / 24_000.0, 0.15, 0.185);
        Assert.InRange(byKey[200] / 24_000.0, 0.31, 0.355);
    }

    [Fact]
    public void Weighted_SameSeed_SameSequence()
    {
        var (first, _) = Drive(RoutingStrategies.Weighted, new("a", Weight: 2), new("b"));
        var (second, _) = Drive(RoutingStrategies.Weighted, new("a", Weight: 2), new("b"));

        Assert.Equal(Enumerable.Range(0, 50).Select(_ => first.Send()), Enumerable.Range(0, 50).Select(_ => second.Send()));
    }
}
