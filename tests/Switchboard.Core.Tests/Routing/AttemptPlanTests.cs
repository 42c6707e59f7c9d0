using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing;
using Switchboard.Core.Tests.Routing.Strategies;

namespace Switchboard.Core.Tests.Routing;

public sealed class AttemptPlanTests
{
    private static readonly SourceSpec[] TwoKeysThenOne = [new("a", KeyWeights: [1, 1]), new("b")];

    [Fact]
    public void RateLimitedKey_NextAttemptUsesTheSameSourcesOtherKey()
    {
        var (driver, _) = StrategyTestBase.Drive(null, TwoKeysThenOne);
        driver.Outcome = (_, target) => target.StateId == 100 ? new UpstreamError(UpstreamErrorKind.RateLimited, "slow") : null;

        var keys = Enumerable.Range(0, 2).Select(_ => driver.SendDetailed().Attempts.Select(a => a.Key).ToArray()).ToArray();

        Assert.Contains(keys, k => k.SequenceEqual([100L, 101L]));
        Assert.All(keys, k => Assert.Equal(101L, k[^1]));
    }

    [Fact]
    public void ServerError_NextAttemptLeavesTheSourceInsteadOfTryingItsOtherKeys()
    {
        var (driver, _) = StrategyTestBase.Drive(null, TwoKeysThenOne);
        driver.Outcome = (source, _) => source.Platform.Name == "a" ? StrategyTestBase.ServerError : null;

        var result = driver.SendDetailed();

        Assert.Equal(["a", "b"], result.Attempts.Select(a => a.Platform));
    }

    [Fact]
    public void ClientError_IsNotRetriedAndChangesNoHealth()
    {
        var (driver, _) = StrategyTestBase.Drive(null, TwoKeysThenOne);
        driver.Outcome = (_, _) => new UpstreamError(UpstreamErrorKind.InvalidRequest, "bad parameter") { UpstreamStatus = 400 };

        for (var i = 0; i < 5; i++)
        {
            Assert.Single(driver.SendDetailed().Attempts);
        }

        var state = driver.States.GetSource(10);
        Assert.Equal(0, state.Stats.Failures);
        Assert.Equal(Switchboard.Core.Routing.Health.CircuitState.Closed, state.Breaker.StateAt(StrategyTestBase.Start.UtcTicks));
    }

    [Fact]
    public void InvalidKey_ManyTimes_NeverEjectsThePlatform()
    {
        var (driver, _) = StrategyTestBase.Drive(null, TwoKeysThenOne);
        driver.Outcome = (_, target) => target.StateId == 100 ? new UpstreamError(UpstreamErrorKind.Authentication, "bad key") { UpstreamStatus = 401 } : null;

        var served = Enumerable.Range(0, 20).Select(_ => driver.SendDetailed().Attempts[^1].Key).ToArray();

        Assert.All(served, k => Assert.Equal(101L, k));
    }

    [Fact]
    public void RateLimit_RetryAfterBeyondTheCap_IsCapped()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var model = RoutingTestData.Pool(null, new SourceSpec("a"));
        var states = new RoutingState(clock);

        RoutingTestData.Fail(states, model, 100, new UpstreamError(UpstreamErrorKind.RateLimited, "x") { RetryAfter = TimeSpan.FromDays(2) });

        Assert.Equal(StrategyTestBase.Start.Add(RoutingOptions.Default.MaxRetryAfter).UtcTicks, states.Get(100).ModelCooldownUntilTicks("up", StrategyTestBase.Start.UtcTicks));
    }

    [Fact]
    public void RateLimit_WithoutRetryAfter_CoolsForTheDefault()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var model = RoutingTestData.Pool(null, new SourceSpec("a"));
        var states = new RoutingState(clock);

        RoutingTestData.Fail(states, model, 100, new UpstreamError(UpstreamErrorKind.RateLimited, "x"));

        Assert.Equal(StrategyTestBase.Start.AddSeconds(5).UtcTicks, states.Get(100).ModelCooldownUntilTicks("up", StrategyTestBase.Start.UtcTicks));
    }

    [Fact]
    public void Attempt_InFlightUntilRecordedOrDisposed_AndLatencyMeasuredOnTheClock()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var model = RoutingTestData.Pool(null, new SourceSpec("a"));
        var states = new RoutingState(clock);
        var source = states.GetSource(10);

        using (var plan = new AttemptPlan(states, 3))
        {
            AttemptPlanner.Plan(model, plan, null, out _);
            var attempts = plan.GetEnumerator();
            Assert.True(attempts.MoveNext());
            Assert.Equal(1, source.InFlight);
            clock.Advance(TimeSpan.FromMilliseconds(250));
            plan.RecordSuccess();
            Assert.Equal(0, source.InFlight);
        }

        using (var abandoned = new AttemptPlan(states, 3))
        {
            AttemptPlanner.Plan(model, abandoned, null, out _);
            Assert.True(abandoned.GetEnumerator().MoveNext());
        }

        Assert.Equal(0, source.InFlight);
        Assert.Equal(250, source.Stats.LatencyMs, 3);
    }

    [Fact]
    public void KeyPriorities_LowerPriorityKeysServeOnlyWhenHigherOnesCool()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var data = new Switchboard.Abstractions.Configuration.ConfigurationData
        {
            Platforms = [RoutingTestData.Platform(1, "a")],
            Models = [RoutingTestData.Model(10, 1, "m")],
            Keys = [RoutingTestData.Key(100, 1, priority: 1), RoutingTestData.Key(101, 1, priority: 0), RoutingTestData.Key(102, 1, priority: 0)],
        };
        var model = RoutingTestData.Builder().Build(data, 1).FindModel("m")!;
        var states = new RoutingState(clock);

        var firsts = Enumerable.Range(0, 4).Select(_ => RoutingTestData.PlanIds(model, states)[0]).ToArray();
        RoutingTestData.Fail(states, model, 101, new UpstreamError(UpstreamErrorKind.RateLimited, "x"));
        RoutingTestData.Fail(states, model, 102, new UpstreamError(UpstreamErrorKind.RateLimited, "x"));

        Assert.Equal([101L, 102L], firsts.Distinct().Order());
        Assert.Equal([100L], RoutingTestData.PlanIds(model, states));
    }

    [Fact]
    public void StalledSource_InFlightButSilentForLong_IsTriedLastButNotDropped()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var model = RoutingTestData.Pool(null, new SourceSpec("hanging"), new SourceSpec("steady"));
        var states = new RoutingState(clock);
        using var stuck = new AttemptPlan(states, 1);
        AttemptPlanner.Plan(model, stuck, null, out _);
        Assert.True(stuck.GetEnumerator().MoveNext());

        clock.Advance(TimeSpan.FromSeconds(2));
        var early = RoutingTestData.PlanIds(model, states);
        clock.Advance(TimeSpan.FromSeconds(2));
        var late = RoutingTestData.PlanIds(model, states);

        Assert.Equal([100L, 200L], early);
        Assert.Equal([200L, 100L], late);
    }

    [Fact]
    public void Describe_AfterFailover_ListsCandidatesReasonAndEachAttempt()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var model = RoutingTestData.Pool("cost", new SourceSpec("dear", InputPrice: 9m), new SourceSpec("cheap", InputPrice: 1m, KeyWeights: [1, 1]));
        var states = new RoutingState(clock);
        using var plan = new AttemptPlan(states, 3);
        AttemptPlanner.Plan(model, plan, null, out _);

        var step = 0;
        foreach (var (_, _) in plan)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            if (step++ == 0)
            {
                plan.RecordFailure(new UpstreamError(UpstreamErrorKind.RateLimited, "slow"));
                continue;
            }

            plan.RecordSuccess();
            break;
        }

        var decision = plan.Describe();

        Assert.Equal("cost", decision.Strategy);
        Assert.Equal(["cheap/m", "dear/m"], decision.Candidates);
        Assert.Contains("cost ranked 2 of 2", decision.Reason);
        Assert.Equal(2, decision.Attempts.Count);
        Assert.Equal(("cheap/m", "RateLimited", "key_model", 100.0), (decision.Attempts[0].Source, decision.Attempts[0].Outcome, decision.Attempts[0].Blamed, decision.Attempts[0].DurationMs));
        Assert.Equal(("cheap/m", "success"), (decision.Attempts[1].Source, decision.Attempts[1].Outcome));
        Assert.NotEqual(decision.Attempts[0].KeyId, decision.Attempts[1].KeyId);
    }
}
