using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Migrations;

public abstract class MigrationTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Migrate_FromEmpty_ReachesLatestVersionWithEmptyTables()
    {
        Assert.Equal(0, await Store.GetSchemaVersionAsync(Ct));

        await Store.MigrateAsync(Ct);

        Assert.Equal(MigrationCatalog.LatestVersion, await Store.GetSchemaVersionAsync(Ct));
        Assert.Equal(Fixture.ProviderName, Store.ProviderName);
        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Empty(data.Platforms);
        Assert.Empty(data.Keys);
        Assert.Empty(data.Models);
        Assert.Empty(data.Catalog);
        Assert.Empty(data.VirtualKeys);
        Assert.Empty(data.Settings);
        Assert.Equal(0, await Store.Usage.CountAsync(Ct));
        Assert.False(await Store.Configuration.HasSealedSecretsAsync(Ct));
    }

    [Fact]
    public async Task Migrate_TwiceAndAfterRestart_IsIdempotent()
    {
        await Store.MigrateAsync(Ct);
        await Store.MigrateAsync(Ct);
        await using (var restarted = SwitchboardStorage.Create(ConnectionString))
        {
            await restarted.MigrateAsync(Ct);
            Assert.Equal(MigrationCatalog.LatestVersion, await restarted.GetSchemaVersionAsync(Ct));
        }

        Assert.Equal(MigrationCatalog.LatestVersion, await ScalarAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM schema_migrations WHERE version = 1 AND name = 'initial_schema'"));
    }

    [Fact]
    public async Task Migrate_FromSeveralInstancesAtOnce_AppliesEachMigrationOnce()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => SwitchboardStorage.Create(ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(() => s.MigrateAsync(Ct))));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        Assert.Equal(MigrationCatalog.LatestVersion, await Store.GetSchemaVersionAsync(Ct));
        Assert.Equal(MigrationCatalog.LatestVersion, await ScalarAsync("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Upgrade_FromVersion1WithData_KeepsDataAndAddsIndex()
    {
        await Store.Migrations.MigrateAsync(1, Ct);
        Assert.Equal(1, await Store.GetSchemaVersionAsync(Ct));
        Assert.Equal(0, await IndexCountAsync("ix_usage_records_catalog_model_timestamp"));

        var seed = TestData.Platform("deepseek", ["chat", "reasoner"], "k1");
        var platformId = await Version1Rows.WriteAsync(Store, seed, TestData.Catalog("ds-chat", "deepseek", "chat"), TestData.UsageBatch("before-upgrade", 120, TestData.T0), Ct);
        // Version 1 has no config_changes table (SetSettingAsync records a change there), so the setting is written by hand.
        await ExecuteSqlAsync(
            "INSERT INTO settings (name, value, updated_at, updated_by) VALUES ('mode', 'multi-fixed', @updated_at, 'admin')",
            ("@updated_at", Store.Dialect.Time(TestData.T0)));
        // Version 1's columns only: InsertVirtualKeyAsync and LoadAsync use columns that later migrations add.
        await ExecuteSqlAsync(
            "INSERT INTO virtual_keys (hash, masked, user_id, role, created_at) VALUES (@hash, @masked, @user_id, 'user', @created_at)",
            ("@hash", new string('a', 64)),
            ("@masked", "sb-…aaaa"),
            ("@user_id", SystemUser.Id),
            ("@created_at", Store.Dialect.Time(TestData.T0)));
        var keyId = await ScalarAsync("SELECT id FROM virtual_keys");

        await Store.MigrateAsync(Ct);

        Assert.Equal(MigrationCatalog.LatestVersion, await Store.GetSchemaVersionAsync(Ct));
        Assert.Equal(1, await IndexCountAsync("ix_usage_records_catalog_model_timestamp"));
        var after = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal([(platformId, "deepseek")], after.Platforms.Select(p => (p.Id, p.Name)));
        Assert.All(after.Models, m => Assert.Equal(platformId, m.PlatformId));
        // Prices version 1 had no column for stay unset: their default rules apply.
        Assert.Equal(
            seed.Models.Select(m => m with { CacheWritePricePerMillion = null, CacheWrite1HourPricePerMillion = null }),
            after.Models.Select(m => m with { Id = 0, PlatformId = 0 }),
            ModelComparer.Instance);
        Assert.Equal(seed.Keys, after.Keys.Select(k => k with { Id = 0, PlatformId = 0 }));
        Assert.Equal("multi-fixed", after.Settings["mode"]);
        var virtualKey = Assert.Single(after.VirtualKeys);
        Assert.Equal((keyId, TestData.T0), (virtualKey.Id, virtualKey.CreatedAt));
        Assert.Empty(virtualKey.AllowedModels);
        Assert.Equal(LimitSettings.None, virtualKey.Limits);
        Assert.Equal("ds-chat", Assert.Single(after.Catalog).Id);
        Assert.Equal(120, await Store.Usage.CountAsync(Ct));
    }

    [Fact]
    public async Task Upgrade_FromVersion13WithUsage_OldRowsCountAsOpenAiChat_AndRollupsKeepEachProtocolApart()
    {
        await Store.Migrations.MigrateAsync(13, Ct);
        var hour = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        await using (var session = await Store.Dialect.BeginAsync(readOnly: false, Ct))
        {
            // Version 13's usage columns: every current one but protocol.
            await OldUsageRows.InsertAsync(session, TestData.UsageBatch("v13", 3, TestData.T0), 29, Ct);

            // An hourly row with the dimensions TestData.Usage records have, as version 13's roll-up wrote it.
            await session.ExecuteAsync(
                "INSERT INTO usage_hourly (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, requests, errors, " +
                "input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, provider_cost, user_price, latency_ms, ttft_ms, ttft_count) " +
                "VALUES (@hour, 'user_1', 7, 'agent-x', 'fast', 'qwen-flash', 'dashscope', 'openai', 42, 5, 1, 100, 50, 0, 0, 0, @cost, @cost, 500, 0, 0)",
                Ct,
                ("@hour", Store.Dialect.Time(hour)),
                ("@cost", Store.Dialect.Money(0.5m)));
            await session.CommitAsync(Ct);
        }

        await Store.MigrateAsync(Ct);

        Assert.Equal(MigrationCatalog.LatestVersion, await Store.GetSchemaVersionAsync(Ct));
        Assert.Equal(1, await IndexCountAsync("ix_usage_hourly_user_hour"));
        Assert.All(await Store.Usage.QueryAsync(TestData.T0, TestData.T0.AddDays(1), null, 10, Ct), r => Assert.Equal("openai-chat", r.Protocol));
        var all = new UsageQuery(DateTimeOffset.UnixEpoch, TestData.T0.AddDays(1));
        Assert.Equal([("openai-chat", 8L)], (await Store.Usage.AggregateAsync(all, UsageGrouping.Protocol, Ct)).Select(g => (g.Key, g.Totals.Requests)));

        // Late records for that hour: the one of the old protocol merges into the old row, the other gets a row of its own.
        await Store.Usage.InsertAsync(
        [
            TestData.Usage("late-chat", hour.AddMinutes(5)) with { Protocol = "openai-chat" },
            TestData.Usage("late-messages", hour.AddMinutes(6)) with { Protocol = "anthropic-messages" },
        ], Ct);
        Assert.Equal(2, (await Store.Usage.RollUpAndPurgeAsync(hour.AddHours(1), Ct)).RecordsRolledUp);

        Assert.Equal(2, await ScalarAsync("SELECT COUNT(*) FROM usage_hourly"));
        Assert.Equal(
            [("anthropic-messages", 1L), ("openai-chat", 9L)],
            (await Store.Usage.AggregateAsync(all, UsageGrouping.Protocol, Ct)).Select(g => (g.Key, g.Totals.Requests)));
    }
}
