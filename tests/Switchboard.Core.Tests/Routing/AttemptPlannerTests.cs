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
        var states = new KeyStateRegistry(new ManualTimeProvider(Start));
        var firstKeys = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var plan = new List<(SourceEntry, SourceTarget)>();
            AttemptPlanner.Plan(model, states, 10, plan, out _);
            Assert.Equal(3, plan.Count);
            Assert.Equal(200, plan[2].Item2.StateId);
            firstKeys.Add(plan[0].Item2.StateId);
        }

        Assert.Equal(2, firstKeys.Distinct().Count());
    }

    [Fact]
    public void Plan_RetryAfter7Seconds_KeySkippedFor7SecondsThenTriedAgain()
    {
        var model = Model(keysOnA: 1);
        var clock = new ManualTimeProvider(Start);
        var states = new KeyStateRegistry(clock);
        states.RecordFailure(100, new UpstreamError(UpstreamErrorKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromSeconds(7) });

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
        var states = new KeyStateRegistry(clock);
        states.RecordFailure(100, new UpstreamError(UpstreamErrorKind.RateLimited, "x") { RetryAfter = TimeSpan.FromSeconds(30) });
        states.RecordFailure(200, new UpstreamError(UpstreamErrorKind.RateLimited, "x") { RetryAfter = TimeSpan.FromSeconds(4) });

        var plan = new List<(SourceEntry, SourceTarget)>();
        AttemptPlanner.Plan(model, states, 10, plan, out var soonest);

        Assert.Empty(plan);
        Assert.Equal(Start.AddSeconds(4).UtcTicks, soonest);
    }

    [Fact]
    public void RecordFailure_SingleServerError_DoesNotCool_ThreeInARowDo()
    {
        var model = Model(keysOnA: 1);
        var states = new KeyStateRegistry(new ManualTimeProvider(Start));
        var error = new UpstreamError(UpstreamErrorKind.ServerError, "boom");

        states.RecordFailure(100, error);
        Assert.Contains(100L, PlanIds(model, states));
        states.RecordSuccess(100);
        states.RecordFailure(100, error);
        states.RecordFailure(100, error);
        Assert.Contains(100L, PlanIds(model, states));
        states.RecordFailure(100, error);
        Assert.DoesNotContain(100L, PlanIds(model, states));
    }

    [Fact]
    public void RecordFailure_InvalidKey_CoolsOnlyThatKey()
    {
        var model = Model(keysOnA: 2);
        var states = new KeyStateRegistry(new ManualTimeProvider(Start));

        states.RecordFailure(100, new UpstreamError(UpstreamErrorKind.Authentication, "bad key"));

        Assert.Equal([101L, 200L], PlanIds(model, states));
    }

    [Fact]
    public void Plan_MaxAttempts_BoundsThePlan()
    {
        var plan = new List<(SourceEntry, SourceTarget)>();
        AttemptPlanner.Plan(Model(), new KeyStateRegistry(new ManualTimeProvider(Start)), 2, plan, out _);
        Assert.Equal(2, plan.Count);
    }

    private static List<long> PlanIds(CatalogEntry model, KeyStateRegistry states)
    {
        var plan = new List<(SourceEntry, SourceTarget)>();
        AttemptPlanner.Plan(model, states, 10, plan, out _);
        return plan.Select(p => p.Item2.StateId).ToList();
    }
}
