using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Tenancy;

public abstract class LimitCounterTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Month = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Minute = new(2026, 11, 21, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task TryAdmit_FiftyConcurrentCallers_ReserveExactlyWhatTheBudgetAllows()
    {
        await Store.MigrateAsync(Ct);
        var charge = Budget("user:racer", budget: 10_000, reserve: 1_000);

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait(Ct);
                return await Store.Limits.TryAdmitAsync([charge], Ct);
            }))
            .ToList();
        start.Set();
        var admissions = await Task.WhenAll(tasks);

        Assert.Equal(10, admissions.Count(a => a.Accepted));
        // Nothing is spent yet: the budget is held by the ten in flight, not used up.
        Assert.All(admissions.Where(a => !a.Accepted), a => Assert.Equal(("user:racer", "budget_reserved"), (a.Scope, a.Limit)));
        Assert.Equal(new LimitCounters(0, 10_000, 0, 0), await Store.Limits.GetCountersAsync("user:racer", Month, Minute, Ct));
    }

    [Fact]
    public async Task TryAdmit_FortyConcurrentCallers_CountExactlyTheRequestsPerMinute()
    {
        await Store.MigrateAsync(Ct);
        var charge = PerMinute("key:7", rpm: 7);

        var admissions = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Store.Limits.TryAdmitAsync([charge], Ct))));

        Assert.Equal(7, admissions.Count(a => a.Accepted));
        Assert.All(admissions.Where(a => !a.Accepted), a => Assert.Equal("rpm", a.Limit));
        Assert.Equal(new LimitCounters(0, 0, 7, 0), await Store.Limits.GetCountersAsync("key:7", Month, Minute, Ct));
    }

    [Fact]
    public async Task Settle_ReplacesTheReservationWithTheSpend_SoFurtherRequestsFit()
    {
        await Store.MigrateAsync(Ct);
        var charge = Budget("user:a", budget: 10_000, reserve: 4_000);

        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);

        // 2,000 are left: the third request gets them, and the budget is then wholly reserved.
        var third = await Store.Limits.TryAdmitAsync([charge], Ct);
        Assert.True(third.Accepted);
        Assert.Equal(2_000, third.ReservedFor(charge));
        Assert.Equal(new LimitAdmission { Accepted = false, Scope = "user:a", Limit = "budget_reserved" }, await Store.Limits.TryAdmitAsync([charge], Ct));

        await Store.Limits.SettleAsync([Settlement("user:a", reserved: 4_000, spent: 1_000)], Ct);

        Assert.Equal(new LimitCounters(1_000, 6_000, 0, 0), await Store.Limits.GetCountersAsync("user:a", Month, Minute, Ct));
        var fits = await Store.Limits.TryAdmitAsync([charge with { ReserveNanos = 3_000 }], Ct);
        Assert.True(fits.Accepted);
        Assert.Null(fits.PartialReservations);
        Assert.Equal("budget_reserved", (await Store.Limits.TryAdmitAsync([charge with { ReserveNanos = 1 }], Ct)).Limit);
        Assert.Equal(new LimitCounters(1_000, 9_000, 0, 0), await Store.Limits.GetCountersAsync("user:a", Month, Minute, Ct));

        // Spending more than was reserved is recorded as it is and closes the budget; settling twice never goes below zero.
        await Store.Limits.SettleAsync([Settlement("user:a", reserved: 9_000, spent: 9_500)], Ct);
        await Store.Limits.SettleAsync([Settlement("user:a", reserved: 4_000, spent: 0)], Ct);
        Assert.Equal(new LimitCounters(10_500, 0, 0, 0), await Store.Limits.GetCountersAsync("user:a", Month, Minute, Ct));
        Assert.Equal("budget", (await Store.Limits.TryAdmitAsync([charge with { ReserveNanos = 0 }], Ct)).Limit);

        // A new budget window starts from zero.
        Assert.True((await Store.Limits.TryAdmitAsync([charge with { BudgetWindowStart = Month.AddMonths(1) }], Ct)).Accepted);
    }

    [Fact]
    public async Task TryAdmit_BudgetSmallerThanOneWorstCase_AdmitsWithTheRemainder_NeverRefusingWhileNothingIsSpent()
    {
        await Store.MigrateAsync(Ct);
        var charge = Budget("key:small", budget: 1_000, reserve: 5_000);

        var first = await Store.Limits.TryAdmitAsync([charge], Ct);
        Assert.True(first.Accepted);
        Assert.Equal(1_000, first.ReservedFor(charge));
        Assert.Equal("budget_reserved", (await Store.Limits.TryAdmitAsync([charge], Ct)).Limit);

        await Store.Limits.SettleAsync([Settlement("key:small", reserved: first.ReservedFor(charge), spent: 300)], Ct);
        var second = await Store.Limits.TryAdmitAsync([charge], Ct);
        Assert.Equal(700, second.ReservedFor(charge));
        Assert.Equal(new LimitCounters(300, 700, 0, 0), await Store.Limits.GetCountersAsync("key:small", Month, Minute, Ct));
    }

    [Fact]
    public async Task TryAdmit_ConcurrentRemainders_NeverReserveMoreThanTheBudget()
    {
        await Store.MigrateAsync(Ct);
        var charge = Budget("user:rem", budget: 10_000, reserve: 3_000);

        var admissions = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => Store.Limits.TryAdmitAsync([charge], Ct))));

        var reserved = admissions.Where(a => a.Accepted).Sum(a => a.ReservedFor(charge));
        Assert.Equal(10_000, reserved);
        Assert.Equal(4, admissions.Count(a => a.Accepted));
        Assert.Equal(new LimitCounters(0, 10_000, 0, 0), await Store.Limits.GetCountersAsync("user:rem", Month, Minute, Ct));
    }

    [Fact]
    public async Task TokensPerMinute_ReservesEachRequestsTokens_SoConcurrentRequestsOverrunByAtMostOne()
    {
        await Store.MigrateAsync(Ct);
        var charge = PerMinute("key:tpm", tpm: 100) with { ReserveTokens = 40 };

        var admissions = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => Store.Limits.TryAdmitAsync([charge], Ct))));

        // 0, 40 and 80 are below the limit; at 120 the limit holds. The overrun (20) is less than one request's tokens.
        Assert.Equal(3, admissions.Count(a => a.Accepted));
        Assert.All(admissions.Where(a => !a.Accepted), a => Assert.Equal("tpm", a.Limit));
        Assert.Equal(new LimitCounters(0, 0, 3, 120), await Store.Limits.GetCountersAsync("key:tpm", Month, Minute, Ct));

        // Each used 25 of its 40: the actual 75 replace the reservations and room opens again.
        await Store.Limits.SettleAsync([.. Enumerable.Range(0, 3).Select(_ => Settlement("key:tpm", tokens: 25) with { ReservedTokens = 40 })], Ct);
        Assert.Equal(new LimitCounters(0, 0, 3, 75), await Store.Limits.GetCountersAsync("key:tpm", Month, Minute, Ct));
        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
    }

    [Fact]
    public async Task Settle_OfARequestAdmittedUnchecked_CreatesItsRowsAndChargesSpendTokensAndTheRequest()
    {
        await Store.MigrateAsync(Ct);

        await Store.Limits.SettleAsync([Settlement("user:late", spent: 500, tokens: 12) with { Requests = 1 }], Ct);
        await Store.Limits.SettleAsync([Settlement("user:late", spent: 250, tokens: 3) with { Requests = 1 }], Ct);

        Assert.Equal(new LimitCounters(750, 0, 2, 15), await Store.Limits.GetCountersAsync("user:late", Month, Minute, Ct));
        Assert.Equal("budget", (await Store.Limits.TryAdmitAsync([Budget("user:late", budget: 750, reserve: 1)], Ct)).Limit);
    }

    [Fact]
    public async Task Holds_FollowEachProcesssReservations_AndADeadProcesssAreGivenBack()
    {
        await Store.MigrateAsync(Ct);
        var alive = Budget("user:h", budget: 10_000, reserve: 3_000) with { Holder = "alive" };
        var dead = alive with { Holder = "dead" };
        Assert.True((await Store.Limits.TryAdmitAsync([alive], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([dead], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([dead], Ct)).Accepted);
        await Store.Limits.TouchHolderAsync("dead", Minute, Ct);
        await Store.Limits.TouchHolderAsync("alive", Minute.AddMinutes(10), Ct);

        // The live process settles its request: its hold goes with its reservation.
        await Store.Limits.SettleAsync([Settlement("user:h", reserved: 3_000, spent: 1_000) with { Holder = "alive" }], Ct);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM limit_holds WHERE holder = 'alive'"));
        Assert.Equal(new LimitCounters(1_000, 6_000, 0, 0), await Store.Limits.GetCountersAsync("user:h", Month, Minute, Ct));

        // The dead one never settles: once it has not been seen for longer than the timeout, its 6,000 come back, once.
        Assert.Equal(0, await Store.Limits.ReleaseAbandonedHoldsAsync(Minute, Ct));
        Assert.Equal(1, await Store.Limits.ReleaseAbandonedHoldsAsync(Minute.AddMinutes(3), Ct));
        Assert.Equal(new LimitCounters(1_000, 0, 0, 0), await Store.Limits.GetCountersAsync("user:h", Month, Minute, Ct));
        Assert.Equal(0, await Store.Limits.ReleaseAbandonedHoldsAsync(Minute.AddMinutes(3), Ct));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM limit_holds"));

        // A process that died before its first heartbeat is found by the age of its holds; a live one's recent holds stay.
        Assert.True((await Store.Limits.TryAdmitAsync([alive with { Holder = "never-seen" }], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([alive with { Holder = "just-started", MinuteWindowStart = Minute.AddMinutes(5) }], Ct)).Accepted);
        Assert.Equal(1, await Store.Limits.ReleaseAbandonedHoldsAsync(Minute.AddMinutes(4), Ct));
        Assert.Equal(new LimitCounters(1_000, 3_000, 0, 0), await Store.Limits.GetCountersAsync("user:h", Month, Minute, Ct));
    }

    [Fact]
    public async Task RequestsPerMinute_RefusesTheNextRequestUntilANewMinute()
    {
        await Store.MigrateAsync(Ct);
        var charge = PerMinute("key:1", rpm: 3);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
        }

        Assert.Equal(new LimitAdmission { Accepted = false, Scope = "key:1", Limit = "rpm" }, await Store.Limits.TryAdmitAsync([charge], Ct));
        Assert.Equal(3, (await Store.Limits.GetCountersAsync("key:1", Month, Minute, Ct)).Requests);

        var nextMinute = charge with { MinuteWindowStart = Minute.AddMinutes(1) };
        Assert.True((await Store.Limits.TryAdmitAsync([nextMinute], Ct)).Accepted);
        Assert.Equal(1, (await Store.Limits.GetCountersAsync("key:1", Month, Minute.AddMinutes(1), Ct)).Requests);
    }

    [Fact]
    public async Task TokensPerMinute_RefusesOnceTheMinutesTokensReachTheLimit_AndCountsRequests()
    {
        await Store.MigrateAsync(Ct);
        var charge = PerMinute("key:1", tpm: 100);

        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
        await Store.Limits.SettleAsync([Settlement("key:1", tokens: 60), Settlement("key:1", tokens: 39)], Ct);
        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
        await Store.Limits.SettleAsync([Settlement("key:1", tokens: 1)], Ct);

        Assert.Equal(new LimitAdmission { Accepted = false, Scope = "key:1", Limit = "tpm" }, await Store.Limits.TryAdmitAsync([charge], Ct));
        Assert.Equal(new LimitCounters(0, 0, 3, 100), await Store.Limits.GetCountersAsync("key:1", Month, Minute, Ct));
        Assert.True((await Store.Limits.TryAdmitAsync([charge with { MinuteWindowStart = Minute.AddMinutes(1) }], Ct)).Accepted);
    }

    [Fact]
    public async Task BothMinuteLimits_NameTheOneThatRefused()
    {
        await Store.MigrateAsync(Ct);
        var charge = PerMinute("user:b", rpm: 2, tpm: 50);

        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
        await Store.Limits.SettleAsync([Settlement("user:b", tokens: 50)], Ct);
        Assert.Equal("tpm", (await Store.Limits.TryAdmitAsync([charge], Ct)).Limit);

        var other = charge with { MinuteWindowStart = Minute.AddMinutes(1) };
        Assert.True((await Store.Limits.TryAdmitAsync([other], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([other], Ct)).Accepted);
        Assert.Equal("rpm", (await Store.Limits.TryAdmitAsync([other], Ct)).Limit);
    }

    [Fact]
    public async Task TryAdmit_WhenOneScopeRefuses_ChargesNoScope()
    {
        await Store.MigrateAsync(Ct);
        var key = Budget("key:1", budget: 1_000_000, reserve: 500) with { MinuteWindowStart = Minute, RequestsPerMinute = 100, TokensPerMinute = 1_000 };
        var user = Budget("user:a", budget: 1_000, reserve: 500);
        Assert.True((await Store.Limits.TryAdmitAsync([user, key], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([key, user], Ct)).Accepted);
        var keyBefore = await Store.Limits.GetCountersAsync("key:1", Month, Minute, Ct);
        Assert.Equal(new LimitCounters(0, 1_000, 2, 0), keyBefore);

        // "key:1" is charged before "user:a" refuses; the rollback must take that charge back too.
        Assert.Equal(new LimitAdmission { Accepted = false, Scope = "user:a", Limit = "budget_reserved" }, await Store.Limits.TryAdmitAsync([key, user], Ct));
        Assert.Equal(keyBefore, await Store.Limits.GetCountersAsync("key:1", Month, Minute, Ct));
        Assert.Equal(new LimitCounters(0, 1_000, 0, 0), await Store.Limits.GetCountersAsync("user:a", Month, Minute, Ct));

        // A fresh scope's new rows roll back too.
        var fresh = key with { Scope = "key:2" };
        Assert.False((await Store.Limits.TryAdmitAsync([fresh, user], Ct)).Accepted);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM limit_counters WHERE scope = 'key:2'"));
    }

    [Fact]
    public async Task TryAdmit_WithoutAnyLimit_AdmitsWithoutWriting()
    {
        await Store.MigrateAsync(Ct);

        var admission = await Store.Limits.TryAdmitAsync([new LimitCharge { Scope = "key:1", ReserveNanos = 10 }], Ct);

        Assert.Same(LimitAdmission.Admitted, admission);
        Assert.Same(LimitAdmission.Admitted, await Store.Limits.TryAdmitAsync([], Ct));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM limit_counters"));
        Assert.Equal(new LimitCounters(0, 0, 0, 0), await Store.Limits.GetCountersAsync("key:1", Month, Minute, Ct));
        await Store.Limits.SettleAsync([Settlement("key:1", reserved: 10, spent: 10, tokens: 10)], Ct);
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM limit_counters"));
    }

    [Fact]
    public async Task TotalBudget_UsesTheEpochWindowAcrossMonths()
    {
        await Store.MigrateAsync(Ct);
        var charge = Budget("user:t", budget: 2_000, reserve: 1_000) with { BudgetWindowStart = DateTimeOffset.UnixEpoch };

        Assert.True((await Store.Limits.TryAdmitAsync([charge with { MinuteWindowStart = Minute }], Ct)).Accepted);
        Assert.True((await Store.Limits.TryAdmitAsync([charge with { MinuteWindowStart = Minute.AddMonths(3) }], Ct)).Accepted);
        Assert.False((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);

        Assert.Equal(new LimitCounters(0, 2_000, 0, 0), await Store.Limits.GetCountersAsync("user:t", DateTimeOffset.UnixEpoch, Minute, Ct));
    }

    [Fact]
    public async Task PurgeMinuteCounters_DeletesOnlyOldMinuteRows()
    {
        await Store.MigrateAsync(Ct);
        for (var i = 0; i < 5; i++)
        {
            await Store.Limits.TryAdmitAsync([Budget("user:p", 1_000_000, 1) with { MinuteWindowStart = Minute.AddMinutes(i), RequestsPerMinute = 10 }], Ct);
        }

        Assert.Equal(3, await Store.Limits.PurgeMinuteCountersAsync(Minute.AddMinutes(3), Ct));
        Assert.Equal(0, await Store.Limits.PurgeMinuteCountersAsync(Minute.AddMinutes(3), Ct));

        Assert.Equal(0, (await Store.Limits.GetCountersAsync("user:p", Month, Minute.AddMinutes(2), Ct)).Requests);
        Assert.Equal(new LimitCounters(0, 5, 1, 0), await Store.Limits.GetCountersAsync("user:p", Month, Minute.AddMinutes(3), Ct));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM limit_counters"));
    }

    [Fact]
    public async Task ListBudgetCounters_ReadsSpendAndHoldsOfEveryScopeWithThePrefix_InTheGivenWindowsOnly()
    {
        await Store.MigrateAsync(Ct);
        await Store.Limits.SettleAsync(
        [
            Settlement("key:1", spent: 700) with { Requests = 1 },
            Settlement("key:2", spent: 50) with { Requests = 1 },
            Settlement("key:2", spent: 999) with { BudgetWindowStart = Month.AddMonths(-1), Requests = 1 },
            Settlement("user:key:3", spent: 11) with { Requests = 1 },
            Settlement("user:a_%", spent: 5) with { Requests = 1 },
        ], Ct);
        Assert.True((await Store.Limits.TryAdmitAsync([Budget("key:1", budget: 10_000, reserve: 300)], Ct)).Accepted);

        var keys = await Store.Limits.ListBudgetCountersAsync("key:", [Month], Ct);
        Assert.Equal(
            [new BudgetCounter("key:1", Month, 700, 300), new BudgetCounter("key:2", Month, 50, 0)],
            keys.OrderBy(c => c.Scope, StringComparer.Ordinal));
        Assert.Equal([999L, 50L], (await Store.Limits.ListBudgetCountersAsync("key:2", [Month.AddMonths(-1), Month], Ct)).OrderBy(c => c.WindowStart).Select(c => c.SpentNanos));
        Assert.Equal(["user:a_%", "user:key:3"], (await Store.Limits.ListBudgetCountersAsync("user:", [Month], Ct)).Select(c => c.Scope).Order(StringComparer.Ordinal));
        Assert.Equal(["user:a_%"], (await Store.Limits.ListBudgetCountersAsync("user:a_%", [Month], Ct)).Select(c => c.Scope));
        Assert.Empty(await Store.Limits.ListBudgetCountersAsync("user:a", [Month.AddDays(1)], Ct));
    }

    private static LimitCharge Budget(string scope, long budget, long reserve) => new()
    {
        Scope = scope,
        BudgetWindowStart = Month,
        BudgetNanos = budget,
        ReserveNanos = reserve,
        MinuteWindowStart = Minute,
    };

    private static LimitCharge PerMinute(string scope, int? rpm = null, long? tpm = null) => new()
    {
        Scope = scope,
        BudgetWindowStart = Month,
        MinuteWindowStart = Minute,
        RequestsPerMinute = rpm,
        TokensPerMinute = tpm,
    };

    private static LimitSettlement Settlement(string scope, long reserved = 0, long spent = 0, long tokens = 0) => new()
    {
        Scope = scope,
        BudgetWindowStart = Month,
        ReservedNanos = reserved,
        SpentNanos = spent,
        MinuteWindowStart = Minute,
        Tokens = tokens,
    };
}
