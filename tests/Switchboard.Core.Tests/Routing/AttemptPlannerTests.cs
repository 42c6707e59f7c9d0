using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Routing;
using static Switchboard.Core.Tests.Routing.RoutingTestData;

namespace Switchboard.Core.Tests.Routing;

public sealed class AttemptPlannerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CatalogEntry Model(int keysOnA = 2)
    {
        var data = new ConfigurationData
        {
            Platforms = [Platform(1, "a"), Platform(2, "b")],
            Models = [RoutingTestData.Model(10, 1, "m"), RoutingTestData.Model(20, 2, "m")],
            Keys = [.. Enumerable.Range(0, keysOnA).Select(i => Key(100 + i, 1)), Key(200, 2)],
        };
        return Builder().Build(data, 1).FindModel("m")!;
    }

    [Fact]
    public void Plan_SourcesInOrder_KeysRotateWithinSource()
    {
        var model = Model();
        var states = new RoutingState(new ManualTimeProvider(Start));
        var firstKeys = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var ids = PlanIds(model, states);
            Assert.Equal(3, ids.Count);
            Assert.Equal(200, ids[2]);
            firstKeys.Add(ids[0]);
        }

        Assert.Equal(2, firstKeys.Distinct().Count());
    }

    [Fact]
    public void Plan_RetryAfter7Seconds_KeySkippedFor7SecondsThenTriedAgain()
    {
        var model = Model(keysOnA: 1);
        var clock = new ManualTimeProvider(Start);
        var states = new RoutingState(clock);
        Fail(states, model, 100, new UpstreamError(UpstreamErrorKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromSeconds(7) });

        Assert.DoesNotContain(100L, PlanIds(model, states));
        clock.Advance(TimeSpan.FromSeconds(6.9));
        Assert.DoesNotContain(100L, PlanIds(model, states));
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(100L, PlanIds(model, states)[0]);
    }

    [Fact]
    public void Plan_AllCooling_EmptyPlanWithSoonestCooldown()
    {
        var model = Model(keysOnA: 1);
        var clock = new ManualTimeProvider(Start);
        var states = new RoutingState(clock);
        Fail(states, model, 100, new UpstreamError(UpstreamErrorKind.RateLimited, "x") { RetryAfter = TimeSpan.FromSeconds(30) });
        Fail(states, model, 200, new UpstreamError(UpstreamErrorKind.RateLimited, "x") { RetryAfter = TimeSpan.FromSeconds(4) });

        using var plan = new AttemptPlan(states, 10);
        AttemptPlanner.Plan(model, plan, null, out var soonest);

        Assert.False(plan.HasCandidates);
        Assert.Equal(Start.AddSeconds(4).UtcTicks, soonest);
    }

    [Fact]
    public void RecordFailure_SingleServerError_DoesNotEject_ThreeInARowDo()
    {
        // The contract changed from "the key cools after three failures" to "the source is ejected after three"; the observable plan is the same.
        var model = Model(keysOnA: 1);
        var states = new RoutingState(new ManualTimeProvider(Start));
        var error = new UpstreamError(UpstreamErrorKind.ServerError, "boom");
        var (source, target) = TargetOf(model, 100);

        states.RecordFailure(source, target, error);
        Assert.Contains(100L, PlanIds(model, states));
        states.RecordSuccess(source, target, TimeSpan.FromMilliseconds(100));
        states.RecordFailure(source, target, error);
        states.RecordFailure(source, target, error);
        Assert.Contains(100L, PlanIds(model, states));
        states.RecordFailure(source, target, error);
        Assert.DoesNotContain(100L, PlanIds(model, states));
    }

    [Fact]
    public void RecordFailure_InvalidKey_CoolsOnlyThatKey()
    {
        var model = Model(keysOnA: 2);
        var states = new RoutingState(new ManualTimeProvider(Start));

        Fail(states, model, 100, new UpstreamError(UpstreamErrorKind.Authentication, "bad key"));

        Assert.Equal([101L, 200L], PlanIds(model, states));
    }

    [Fact]
    public void Plan_MaxAttempts_BoundsThePlan()
    {
        Assert.Equal(2, PlanIds(Model(), new RoutingState(new ManualTimeProvider(Start)), maxAttempts: 2).Count);
    }
}
