using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

/// <summary>Slices of budget and minute windows: sized by what is left, never more than is left, and given back through settlement.</summary>
public abstract class LimitSliceTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Month = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Minute = new(2026, 11, 21, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task BudgetSlices_TakeAShareOfWhatIsLeft_ShrinkWithIt_AndAreCutToTheRemainder()
    {
        await Store.MigrateAsync(Ct);
        var ask = Budget("key:1", budget: 10_000, minimum: 1_000);

        // A quarter of what is left, at least 1,000: 2,500, then 1,875, 1,406, 1,054, then the minimum.
        var grants = new List<LimitGrant>();
        LimitGrant grant;
        while ((grant = await Store.Limits.GrantSliceAsync(ask, Ct)).Refused is null)
        {
            grants.Add(grant);
        }

        Assert.Equal([2_500, 1_875, 1_406, 1_054, 1_000, 1_000, 1_000, 165], grants.Select(g => g.Nanos));
        Assert.True(grants[^1].Exhausted);
        Assert.All(grants.SkipLast(1), g => Assert.False(g.Exhausted));
        Assert.Equal("budget_reserved", grant.Refused);
        Assert.Equal(new LimitCounters(0, 10_000, 0, 0), await Store.Limits.GetCountersAsync("key:1", Month, Minute, Ct));

        // The holder writes its spend and gives back the rest: the budget is then spent out, not reserved.
        await Store.Limits.SettleAsync([new LimitSettlement { Scope = "key:1", Holder = "replica-a", BudgetWindowStart = Month, ReservedNanos = 10_000, SpentNanos = 10_000 }], Ct);
        Assert.Equal("budget", (await Store.Limits.GrantSliceAsync(ask, Ct)).Refused);
    }

    [Fact]
    public async Task ConcurrentBudgetSlices_NeverGrantMoreThanTheBudget()
    {
        await Store.MigrateAsync(Ct);
        var ask = Budget("user:race", budget: 100_000, minimum: 3_000);

        var grants = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Store.Limits.GrantSliceAsync(ask, Ct))));

        Assert.Equal(100_000, grants.Sum(g => g.Nanos));
        Assert.Equal(new LimitCounters(0, 100_000, 0, 0), await Store.Limits.GetCountersAsync("user:race", Month, Minute, Ct));
    }

    [Fact]
    public async Task MinuteSlices_CountRequestsAndTokensWhenGranted_AndGivenBackRequestsAndTokensAreUncounted()
    {
        await Store.MigrateAsync(Ct);
        var ask = new LimitSliceAsk { Scope = "key:9", WindowStart = Minute, RequestsPerMinute = 20, TokensPerMinute = 1_000, MinimumRequests = 8, MinimumTokens = 300, Share = 2 };

        var first = await Store.Limits.GrantSliceAsync(ask, Ct);
        Assert.Equal((10, 500L, false), (first.Requests, first.Tokens, first.Exhausted));
        var second = await Store.Limits.GrantSliceAsync(ask, Ct);
        Assert.Equal((8, 300L), (second.Requests, second.Tokens));
        var third = await Store.Limits.GrantSliceAsync(ask, Ct);
        Assert.Equal((2, 200L, true), (third.Requests, third.Tokens, third.Exhausted));
        Assert.Equal("rpm", (await Store.Limits.GrantSliceAsync(ask, Ct)).Refused);

        // A replica gives back 5 requests and 150 tokens it did not take, and counts 30 its requests used beyond what they took.
        await Store.Limits.SettleAsync([new LimitSettlement { Scope = "key:9", MinuteWindowStart = Minute, Requests = -5, ReservedTokens = 150, Tokens = 30 }], Ct);
        Assert.Equal(new LimitCounters(0, 0, 15, 880), await Store.Limits.GetCountersAsync("key:9", Month, Minute, Ct));
        Assert.Equal(5, (await Store.Limits.GrantSliceAsync(ask, Ct)).Requests);
    }

    private static LimitSliceAsk Budget(string scope, long budget, long minimum) => new()
    {
        Scope = scope,
        Holder = "replica-a",
        AskedAt = Minute,
        WindowStart = Month,
        BudgetNanos = budget,
        MinimumNanos = minimum,
        Share = 4,
    };
}
