using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.KeyQuotas;

public abstract class KeyQuotaStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly DateTimeOffset Day = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Seed_KeyWithQuota_LoadsItBackAndKeysWithoutStayUnlimited()
    {
        await Store.MigrateAsync(Ct);
        var seed = TestData.Platform("pool", ["chat"], "k1", "k2");
        var quota = new KeyQuotaConfig { Tokens = 5_000_000_000, Cost = 12.345678m, Period = BudgetPeriod.Week };
        seed = seed with { Keys = [seed.Keys[0] with { Quota = quota }, seed.Keys[1]] };

        await Store.Configuration.SeedAsync([seed], [], SeedMode.AddMissing, Ct);
        var keys = (await Store.Configuration.LoadAsync(Ct)).Keys.OrderBy(k => k.Label).ToList();

        Assert.Equal(quota, keys[0].Quota);
        Assert.Null(keys[1].Quota);
    }

    [Fact]
    public async Task SetKeyQuota_SetsChangesAndRemoves_UnknownKeyIsFalse()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("pool", ["chat"], "k1")], [], SeedMode.AddMissing, Ct);
        var id = (await Store.Configuration.LoadAsync(Ct)).Keys.Single().Id;

        Assert.True(await Store.KeyQuotas.SetKeyQuotaAsync(id, new KeyQuotaConfig { Tokens = 1000, Period = BudgetPeriod.Day }, Ct));
        Assert.Equal(new KeyQuotaConfig { Tokens = 1000, Period = BudgetPeriod.Day }, (await Store.Configuration.LoadAsync(Ct)).Keys.Single().Quota);

        Assert.True(await Store.KeyQuotas.SetKeyQuotaAsync(id, new KeyQuotaConfig { Cost = 2.5m }, Ct));
        Assert.Equal(new KeyQuotaConfig { Cost = 2.5m, Period = BudgetPeriod.Month }, (await Store.Configuration.LoadAsync(Ct)).Keys.Single().Quota);

        Assert.True(await Store.KeyQuotas.SetKeyQuotaAsync(id, null, Ct));
        Assert.Null((await Store.Configuration.LoadAsync(Ct)).Keys.Single().Quota);

        Assert.False(await Store.KeyQuotas.SetKeyQuotaAsync(id + 1000, new KeyQuotaConfig { Tokens = 1 }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.KeyQuotas.SetKeyQuotaAsync(id, new KeyQuotaConfig { Tokens = 1, Period = BudgetPeriod.Total }, Ct));
    }

    [Fact]
    public async Task AddKeyUsage_TwentyConcurrentBatches_TotalsAreExactPerKeyAndWindow()
    {
        await Store.MigrateAsync(Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Store.KeyQuotas.AddKeyUsageAsync([new KeyUsage(7, Day, 100, 1_000), new KeyUsage(8, Day, 1, 2)], Ct))));

        // Each batch saw a distinct running total, and the last one is the sum of all.
        Assert.Equal(Enumerable.Range(1, 20).Select(i => 100L * i), results.Select(r => r[0].Tokens).Order());
        Assert.Equal(
            [new KeyUsage(7, Day, 2_000, 20_000), new KeyUsage(8, Day, 20, 40)],
            await Store.KeyQuotas.GetKeyUsageAsync([(7, Day), (8, Day)], Ct));
        Assert.Equal([new KeyUsage(7, Day.AddDays(1), 0, 0)], await Store.KeyQuotas.GetKeyUsageAsync([(7, Day.AddDays(1))], Ct));
    }

    [Fact]
    public async Task AddKeyUsage_SharesTheLimitCountersWithoutTouchingOtherScopes()
    {
        await Store.MigrateAsync(Ct);
        var charge = new LimitCharge { Scope = "key:7", BudgetWindowStart = Day, BudgetNanos = 10_000, ReserveNanos = 1_000 };
        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);

        await Store.KeyQuotas.AddKeyUsageAsync([new KeyUsage(7, Day, 50, 500)], Ct);

        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM limit_counters WHERE scope = 'upstream_key:7' AND window_kind = 'budget'"));
        Assert.Equal(new LimitCounters(0, 1_000, 0, 0), await Store.Limits.GetCountersAsync("key:7", Day, Day, Ct));
    }
}
