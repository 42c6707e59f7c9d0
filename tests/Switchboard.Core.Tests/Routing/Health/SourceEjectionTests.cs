using System.Buffers;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Strategies;
using Switchboard.Core.Tests.Routing.Strategies;

namespace Switchboard.Core.Tests.Routing.Health;

public sealed class SourceEjectionTests
{
    [Fact]
    public void Source_FailsOnce_IsNotEjected()
    {
        var (driver, _) = StrategyTestBase.Drive(RoutingStrategies.Priority, new("primary"), new("backup"));
        var failNext = true;
        driver.Outcome = (source, _) =>
        {
            if (source.Platform.Name == "primary" && failNext)
            {
                failNext = false;
                return StrategyTestBase.ServerError;
            }

            return null;
        };

        Assert.Equal("backup", driver.Send());
        Assert.Equal("primary", driver.Send());
    }

    [Fact]
    public void Source_KeepsFailing_IsEjected_ThenComesBackAfterRecovery()
    {
        var (driver, clock) = StrategyTestBase.Drive(RoutingStrategies.Priority, new("primary"), new("backup"));
        var down = true;
        driver.Outcome = (source, _) => down && source.Platform.Name == "primary" ? StrategyTestBase.ServerError : null;

        var attemptsWhileFailing = Enumerable.Range(0, 10).Select(_ => driver.SendDetailed().Attempts.Count).ToArray();
        down = false;
        var stillEjected = driver.SendDetailed();
        clock.Advance(TimeSpan.FromSeconds(5));
        var trials = Enumerable.Range(0, 3).Select(_ => driver.Send() ?? "(failed)").ToArray();

        Assert.Equal([2, 2, 2, 1, 1, 1, 1, 1, 1, 1], attemptsWhileFailing);
        Assert.Equal(["backup"], stillEjected.Attempts.Select(a => a.Platform));
        Assert.Equal(["primary", "primary", "primary"], trials);
    }

    [Fact]
    public void Source_FailsItsHalfOpenTrial_StaysOutTwiceAsLong()
    {
        var (driver, clock) = StrategyTestBase.Drive(RoutingStrategies.Priority, new("primary"), new("backup"));
        driver.Outcome = (source, _) => source.Platform.Name == "primary" ? StrategyTestBase.ServerError : null;
        driver.Distribution(3);

        clock.Advance(TimeSpan.FromSeconds(5));
        var trial = driver.SendDetailed();
        clock.Advance(TimeSpan.FromSeconds(9));
        var stillOut = driver.SendDetailed();
        clock.Advance(TimeSpan.FromSeconds(1));
        var nextTrial = driver.SendDetailed();

        Assert.Equal(["primary", "backup"], trial.Attempts.Select(a => a.Platform));
        Assert.Equal(["backup"], stillOut.Attempts.Select(a => a.Platform));
        Assert.Equal(["primary", "backup"], nextTrial.Attempts.Select(a => a.Platform));
    }

    [Fact]
    public void Describe_FollowsTheSourceThroughEjectionAndRecovery()
    {
        var (driver, clock) = StrategyTestBase.Drive(RoutingStrategies.Priority, new("primary"), new("backup"));
        var model = RoutingTestData.Pool(null, new("primary"), new("backup"));
        var down = true;
        driver.Outcome = (source, _) => down && source.Platform.Name == "primary" ? StrategyTestBase.ServerError : null;
        string Level() => driver.States.Describe(model.Sources[0]).Level;

        var before = Level();
        driver.Distribution(3);
        var ejected = Level();
        down = false;
        clock.Advance(TimeSpan.FromSeconds(5));
        var trial = Level();
        driver.Distribution(30);

        Assert.Equal(["unknown", "ejected", "degraded", "healthy"], new[] { before, ejected, trial, Level() });
    }

    [Fact]
    public void EverySourceEjected_TheyAreStillTried_SoonestReadmissionFirst()
    {
        var (driver, clock) = StrategyTestBase.Drive(RoutingStrategies.Priority, new("first"), new("second"));
        var down = true;
        driver.Outcome = (_, _) => down ? StrategyTestBase.ServerError : null;
        for (var i = 0; i < 3; i++)
        {
            driver.Send();
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var plan = new AttemptPlan(driver.States, 3);
        AttemptPlanner.Plan(RoutingTestData.Pool(null, new("first"), new("second")), plan, null, out _);
        down = false;
        var served = driver.SendDetailed();

        Assert.True(plan.Panic);
        Assert.Equal(2, plan.Candidates.Length);
        Assert.NotNull(served.Served);
    }

    [Fact]
    public async Task Source_KeepsFailingAfterItsFirstByte_IsEjectedToo()
    {
        var model = RoutingTestData.Pool(null, new("primary"), new("backup"));
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StreamStep.Failed, await StreamOnceAsync(model, states, StreamStep.Data, StreamStep.Failed));
        }

        Assert.Equal([200L], RoutingTestData.PlanIds(model, states));
    }

    [Fact]
    public async Task Stream_CompletesAfterFirstByte_CountsAsSuccessAndResetsTheStreak()
    {
        var model = RoutingTestData.Pool(null, new("primary"), new("backup"));
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));

        for (var i = 0; i < 6; i++)
        {
            await StreamOnceAsync(model, states, StreamStep.Data, i % 3 == 2 ? StreamStep.Completed : StreamStep.Failed);
        }

        Assert.Equal(100L, RoutingTestData.PlanIds(model, states)[0]);
        Assert.Equal(2, states.GetSource(model.Sources[0].StateId).Stats.Successes);
    }

    private static async Task<StreamStep> StreamOnceAsync(CatalogEntry model, RoutingState states, params StreamStep[] steps)
    {
        using var plan = new AttemptPlan(states, 3);
        AttemptPlanner.Plan(model, plan, null, out _);
        var enumerator = plan.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        var stream = plan.Track(new ScriptedChatStream(steps));
        using var sink = new OpenAIChatStreamWriter("chatcmpl-test", includeUsage: false) { Output = new ArrayBufferWriter<byte>() };
        var step = await stream.ReadAsync(sink, CancellationToken.None);
        plan.RecordSuccess();
        while (step == StreamStep.Data)
        {
            step = await stream.ReadAsync(sink, CancellationToken.None);
        }

        return step;
    }
}
