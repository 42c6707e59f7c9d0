using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Routing;
using static Switchboard.Core.Tests.Routing.RoutingTestData;

namespace Switchboard.Core.Tests.Routing.KeyQuotas;

public sealed class KeyQuotaStatesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 3, 11, 0, 0, 0, TimeSpan.Zero);
    private static readonly KeyQuotaConfig HundredTokensADay = new() { Tokens = 100, Period = BudgetPeriod.Day };

    private static CatalogEntry Model(KeyQuotaConfig? first, KeyQuotaConfig? second = null)
    {
        var data = new ConfigurationData
        {
            Platforms = [Platform(1, "a")],
            Models = [RoutingTestData.Model(10, 1, "m")],
            Keys = [Key(100, 1) with { Quota = first }, Key(101, 1, priority: 1) with { Quota = second }],
        };
        return Builder().Build(data, 1).FindModel("m")!;
    }

    [Fact]
    public void Record_UnderTheLimit_KeyStaysFirst_AtTheLimit_KeyIsSkippedUntilTheWindowEnds()
    {
        var model = Model(HundredTokensADay);
        var clock = new ManualTimeProvider(Noon);
        var states = new RoutingState(clock);

        Spend(states, model, 100, 60);
        Assert.Equal([100L, 101L], PlanIds(model, states));

        Spend(states, model, 100, 40);
        Assert.Equal([101L], PlanIds(model, states));
        Assert.Equal(Midnight.UtcTicks, states.Get(100).QuotaBlockedUntilTicks);

        clock.Advance(Midnight - Noon);
        Assert.Equal([100L, 101L], PlanIds(model, states));
        Assert.Equal(0, states.Quotas.Describe(100, HundredTokensADay).TokensUsed);
    }

    [Fact]
    public void Plan_EveryKeySpent_EmptyPlanWhoseSoonestRetryIsTheWindowEnd()
    {
        var model = Model(HundredTokensADay, new KeyQuotaConfig { Cost = 0.5m, Period = BudgetPeriod.Week });
        var states = new RoutingState(new ManualTimeProvider(Noon));

        Spend(states, model, 100, 100);
        Spend(states, model, 101, 1, cost: 0.5m);

        using var plan = new AttemptPlan(states, 5);
        AttemptPlanner.Plan(model, plan, null, out var soonest);
        Assert.False(plan.HasCandidates);
        Assert.Equal(Midnight.UtcTicks, soonest);
        Assert.True(states.Quotas.Describe(101, new KeyQuotaConfig { Cost = 0.5m, Period = BudgetPeriod.Week }).Exhausted);
    }

    [Fact]
    public void ApplySettled_OtherReplicasConsumption_BlocksWithoutCountingOwnAmountTwice()
    {
        var model = Model(HundredTokensADay);
        var states = new RoutingState(new ManualTimeProvider(Noon));
        Spend(states, model, 100, 30);
        var window = Noon.Date;

        // Storage now holds this replica's 30 plus 50 from elsewhere: 80, not 110.
        states.Quotas.ApplySettled(new KeyUsage(100, window, 30, 0), new KeyUsage(100, window, 80, 0), HundredTokensADay);
        Assert.Equal(80, states.Quotas.Describe(100, HundredTokensADay).TokensUsed);
        Assert.Contains(100L, PlanIds(model, states));

        states.Quotas.ApplyRefreshed(100, HundredTokensADay, new KeyUsage(100, window, 120, 0));
        Assert.DoesNotContain(100L, PlanIds(model, states));
    }

    [Fact]
    public void ApplyRefreshed_QuotaRaisedOrRemoved_LiftsTheBlock()
    {
        var model = Model(HundredTokensADay);
        var states = new RoutingState(new ManualTimeProvider(Noon));
        Spend(states, model, 100, 150);
        Assert.DoesNotContain(100L, PlanIds(model, states));

        states.Quotas.ApplyRefreshed(100, HundredTokensADay with { Tokens = 200 }, null);
        Assert.Contains(100L, PlanIds(model, states));

        Spend(states, model, 100, 100);
        Assert.DoesNotContain(100L, PlanIds(model, states));
        states.Quotas.ApplyRefreshed(100, null, null);
        Assert.Contains(100L, PlanIds(model, states));
    }

    [Fact]
    public void Record_KeyWithoutQuota_CountsNothing()
    {
        var model = Model(null);
        var states = new RoutingState(new ManualTimeProvider(Noon));

        Spend(states, model, 100, 1_000_000);

        Assert.Empty(states.Quotas.TrackedKeys);
        Assert.False(states.Quotas.Unsettled.TryRead(out _));
        Assert.Equal([100L, 101L], PlanIds(model, states));
    }

    private static void Spend(RoutingState states, CatalogEntry model, long keyId, long tokens, decimal cost = 0m)
    {
        var (_, target) = TargetOf(model, keyId);
        states.Quotas.Record(target, new UsageRecord { RequestId = "r", RequestedModel = "m", Tokens = new TokenUsage(tokens, 0), ProviderCost = cost });
    }
}
