using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Routing;
using Switchboard.Core.Tests.Routing.Strategies;

namespace Switchboard.Core.Tests.Routing.Failover;

/// <summary>
/// Checks that a failure blames the right scope on the runtime state, without a server: a 429 cools the (key, model)
/// pair, an account-wide one the whole key, a 401 marks the key invalid for every model until revalidated or replaced.
/// </summary>
public sealed class BlameScopeTests
{
    // One platform with two keys (100, then 101 unless it shares the priority) serving two models on different upstream models.
    private static RoutingSnapshot Snapshot(string secondKeySealed = "k101", int secondKeyPriority = 1) => RoutingTestData.Builder().Build(
        new ConfigurationData
        {
            Platforms = [RoutingTestData.Platform(1, "p")],
            Models = [RoutingTestData.Model(10, 1, "a", "up-a"), RoutingTestData.Model(11, 1, "b", "up-b")],
            Keys = [RoutingTestData.Key(100, 1), RoutingTestData.Key(101, 1, priority: secondKeyPriority) with { SealedValue = secondKeySealed }],
        },
        1);

    private static readonly UpstreamError RateLimited = new(UpstreamErrorKind.RateLimited, "slow") { UpstreamStatus = 429, RetryAfter = TimeSpan.FromSeconds(30) };

    private static readonly UpstreamError Unauthorized = new(UpstreamErrorKind.Authentication, "bad key") { UpstreamStatus = 401 };

    [Fact]
    public void RateLimitOnModelA_LeavesModelBOnTheSameKey()
    {
        var snapshot = Snapshot();
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));

        RoutingTestData.Fail(states, snapshot.FindModel("a")!, 100, RateLimited);

        Assert.Equal([101L], RoutingTestData.PlanIds(snapshot.FindModel("a")!, states));
        Assert.Equal([100L, 101L], RoutingTestData.PlanIds(snapshot.FindModel("b")!, states));
        Assert.Equal(KeyStatuses.Active, Status(states, snapshot, 100));
    }

    [Fact]
    public void AccountWideRateLimit_CoolsTheKeyForEveryModel()
    {
        var snapshot = Snapshot();
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));

        RoutingTestData.Fail(states, snapshot.FindModel("a")!, 100, RateLimited with { AccountWide = true });

        Assert.Equal([101L], RoutingTestData.PlanIds(snapshot.FindModel("a")!, states));
        Assert.Equal([101L], RoutingTestData.PlanIds(snapshot.FindModel("b")!, states));
        Assert.Equal(KeyStatuses.Cooling, Status(states, snapshot, 100));
    }

    [Fact]
    public void RateLimitsOnEveryModel_ReadAsCoolingUntilTheFirstModelIsBack()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var snapshot = Snapshot();
        var states = new RoutingState(clock);

        RoutingTestData.Fail(states, snapshot.FindModel("a")!, 100, RateLimited);
        RoutingTestData.Fail(states, snapshot.FindModel("b")!, 100, RateLimited with { RetryAfter = TimeSpan.FromSeconds(10) });

        var report = states.Status(Key(snapshot, 100), ["up-a", "up-b"]);
        Assert.Equal(KeyStatuses.Cooling, report.Status);
        Assert.Equal(TimeSpan.FromSeconds(10), report.CooldownRemaining);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(KeyStatuses.Active, Status(states, snapshot, 100));
    }

    [Fact]
    public void Unauthorized_MarksTheKeyInvalidForEveryModel_TheOtherKeyCarriesOn_AndWaitingDoesNotClearIt()
    {
        var clock = new ManualTimeProvider(StrategyTestBase.Start);
        var snapshot = Snapshot();
        var states = new RoutingState(clock);

        RoutingTestData.Fail(states, snapshot.FindModel("a")!, 100, Unauthorized);
        clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal([101L], RoutingTestData.PlanIds(snapshot.FindModel("a")!, states));
        Assert.Equal([101L], RoutingTestData.PlanIds(snapshot.FindModel("b")!, states));
        var report = states.Status(Key(snapshot, 100), ["up-a", "up-b"]);
        Assert.Equal((KeyStatuses.Invalid, "Authentication (HTTP 401)"), (report.Status, report.Reason));
    }

    [Fact]
    public void InvalidKey_SurvivesAReload_ClearsOnRevalidate()
    {
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));
        RoutingTestData.Fail(states, Snapshot().FindModel("a")!, 100, Unauthorized);

        var reloaded = Snapshot();
        Assert.Equal([101L], RoutingTestData.PlanIds(reloaded.FindModel("a")!, states));

        Assert.True(states.Revalidate(100));
        Assert.Equal([100L, 101L], RoutingTestData.PlanIds(reloaded.FindModel("a")!, states));
    }

    [Fact]
    public void InvalidKey_ReplacedByANewVersion_IsUsedAtOnce()
    {
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));
        RoutingTestData.Fail(states, Snapshot().FindModel("a")!, 101, Unauthorized);

        var replaced = Snapshot(secondKeySealed: "k101-new-secret");

        Assert.Equal([100L, 101L], RoutingTestData.PlanIds(replaced.FindModel("a")!, states));
        Assert.Equal(KeyStatuses.Active, Status(states, replaced, 101));
    }

    [Fact]
    public void EveryKeyInvalid_IsNotReportedAsCoolingWithARetryTime()
    {
        var snapshot = Snapshot();
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));
        RoutingTestData.Fail(states, snapshot.FindModel("a")!, 100, Unauthorized);
        RoutingTestData.Fail(states, snapshot.FindModel("a")!, 101, Unauthorized);

        using var plan = new AttemptPlan(states, 3);
        AttemptPlanner.Plan(snapshot.FindModel("a")!, plan, null, out var soonest);

        Assert.False(plan.HasCandidates);
        Assert.Equal(0, soonest);
    }

    [Fact]
    public void RateLimitedAttempt_ClientIsToldTheAppliedCooldown()
    {
        var snapshot = Snapshot();
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));
        using var plan = new AttemptPlan(states, 1);
        AttemptPlanner.Plan(snapshot.FindModel("a")!, plan, null, out _);
        var error = RateLimited with { RetryAfter = TimeSpan.FromDays(1) };
        foreach (var _ in plan)
        {
            plan.RecordFailure(error);
        }

        Assert.Equal(RoutingOptions.Default.MaxRetryAfter, plan.AsApplied(error)!.RetryAfter);
        Assert.Equal(TimeSpan.FromDays(1), plan.AsApplied(RateLimited with { RetryAfter = TimeSpan.FromDays(1) })!.RetryAfter);
    }

    [Fact]
    public void KeyRotation_AcrossReloads_KeepsTakingTurns()
    {
        var states = new RoutingState(new ManualTimeProvider(StrategyTestBase.Start));
        var served = new List<long>();
        for (var reload = 0; reload < 4; reload++)
        {
            // Each request plans against a freshly built snapshot, as after a reload; the key rotation must not restart.
            served.Add(RoutingTestData.PlanIds(Snapshot(secondKeyPriority: 0).FindModel("a")!, states, maxAttempts: 1)[0]);
        }

        Assert.Equal(2, served.Distinct().Count());
    }

    private static KeyEntry Key(RoutingSnapshot snapshot, long id) => snapshot.Platforms["p"].Keys.Single(k => k.Id == id);

    private static string Status(RoutingState states, RoutingSnapshot snapshot, long keyId) => states.Status(Key(snapshot, keyId), ["up-a", "up-b"]).Status;
}
