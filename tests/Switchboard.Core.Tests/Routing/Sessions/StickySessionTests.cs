using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Strategies;
using Switchboard.Core.Tests.Routing.Strategies;

namespace Switchboard.Core.Tests.Routing.Sessions;

public sealed class StickySessionTests
{
    private static readonly SourceSpec[] Sources = [new("a", KeyWeights: [1, 1]), new("b", KeyWeights: [1, 1]), new("c")];

    [Fact]
    public void Session_RoundRobinModel_StaysOnTheSourceAndKeyThatServedIt()
    {
        var (driver, _) = StrategyTestBase.Drive(RoutingStrategies.RoundRobin, Sources);

        var first = driver.SendDetailed("chat-1").Attempts.Single();
        var again = Enumerable.Range(0, 10).Select(_ => driver.SendDetailed("chat-1").Attempts.Single()).ToArray();
        var others = Enumerable.Range(0, 9).Select(_ => driver.Send()).Distinct().Count();

        Assert.All(again, a => Assert.Equal(first, a));
        Assert.Equal(3, others);
    }

    [Fact]
    public void Session_IdleLongerThanTheTimeout_IsRoutedAfresh()
    {
        var (driver, clock) = StrategyTestBase.Drive(RoutingStrategies.RoundRobin, Sources);
        var first = driver.SendDetailed("chat-1").Attempts.Single();

        clock.Advance(TimeSpan.FromMinutes(9));
        var withinTimeout = driver.SendDetailed("chat-1").Attempts.Single();
        clock.Advance(TimeSpan.FromMinutes(10.5));
        var expired = driver.States.Sessions.Find("pool", "chat-1", clock.GetUtcNow().UtcTicks);

        // Two session-less requests move the rotation so that a fresh choice differs from the old binding.
        driver.Send();
        driver.Send();
        var fresh = driver.SendDetailed("chat-1").Attempts.Single();

        Assert.Equal(first, withinTimeout);
        Assert.Null(expired);
        Assert.NotEqual(first.Platform, fresh.Platform);
    }

    [Fact]
    public void Session_ItsSourceFails_MovesAndStaysOnTheNewOne()
    {
        var (driver, _) = StrategyTestBase.Drive(RoutingStrategies.RoundRobin, Sources);
        var first = driver.SendDetailed("chat-1").Attempts.Single();
        driver.Outcome = (source, _) => source.Platform.Name == first.Platform ? StrategyTestBase.ServerError : null;

        var moved = driver.SendDetailed("chat-1");
        driver.Outcome = (_, _) => null;
        var after = Enumerable.Range(0, 5).Select(_ => driver.SendDetailed("chat-1").Attempts.Single()).ToArray();

        Assert.Equal(2, moved.Attempts.Count);
        Assert.All(after, a => Assert.Equal(moved.Attempts[1], a));
    }

    [Fact]
    public void Session_SameKeyOnAnotherModel_IsNotShared()
    {
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));
        states.Sessions.Bind("model-x", "s", 10, 100, StrategyTestBase.Start.UtcTicks);

        Assert.NotNull(states.Sessions.Find("model-x", "s", StrategyTestBase.Start.UtcTicks));
        Assert.Null(states.Sessions.Find("model-y", "s", StrategyTestBase.Start.UtcTicks));
    }

    [Fact]
    public void Bind_PastTheCap_NewSessionsAreNotBoundButOldOnesRefresh()
    {
        var table = new Switchboard.Core.Routing.Sessions.StickySessionTable(RoutingOptions.Default with { MaxSessions = 2 });
        var now = StrategyTestBase.Start.UtcTicks;

        table.Bind("m", "1", 10, 100, now);
        table.Bind("m", "2", 10, 100, now);
        table.Bind("m", "3", 10, 100, now);
        table.Bind("m", "1", 20, 200, now);

        Assert.Equal(2, table.Count);
        Assert.Null(table.Find("m", "3", now));
        Assert.Equal(20, table.Find("m", "1", now)!.SourceStateId);
    }
}
