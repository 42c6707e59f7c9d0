using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Strategies;
using static Switchboard.Core.Tests.Routing.Strategies.StrategyTestBase;

namespace Switchboard.Core.Tests.Routing.Strategies;

public sealed class LeastBusyStrategyTests
{
    [Fact]
    public void LeastBusy_AttemptsInFlight_NextRequestGoesToTheIdlestSourcePerWeight()
    {
        var model = RoutingTestData.Pool(RoutingStrategies.LeastBusy, new("a"), new("b", Weight: 2), new("c"));
        var states = new RoutingState(new ManualTimeProvider(Start));
        var open = new List<AttemptPlan>();
        var chosen = new List<string>();

        for (var i = 0; i < 4; i++)
        {
            var plan = new AttemptPlan(states, 3);
            AttemptPlanner.Plan(model, plan, null, out _);
            var enumerator = plan.GetEnumerator();
            Assert.True(enumerator.MoveNext());
            chosen.Add(enumerator.Current.Source.Platform.Name);
            open.Add(plan);
        }

        // b has weight 2, so it takes a second attempt before a or c take their first... or after; either way it ends with 2.
        Assert.Equal(2, chosen.Count(c => c == "b"));
        Assert.Equal(1, chosen.Count(c => c == "a"));
        Assert.Equal(1, chosen.Count(c => c == "c"));
        Assert.Equal(2, states.GetSource(model.Sources.First(s => s.Platform.Name == "b").StateId).InFlight);

        foreach (var plan in open)
        {
            plan.Dispose();
        }

        Assert.All(model.Sources, s => Assert.Equal(0, states.GetSource(s.StateId).InFlight));
    }

    [Fact]
    public void LeastBusy_AllIdle_TakeTurns()
    {
        var (driver, _) = Drive(RoutingStrategies.LeastBusy, new("a"), new("b"));

        var served = driver.Distribution(10);

        Assert.Equal(5, served["a"]);
        Assert.Equal(5, served["b"]);
    }
}
