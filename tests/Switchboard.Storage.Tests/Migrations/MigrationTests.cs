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

        // That hour's two rows, and one row per user for the three raw records the migration to version 17 folded in.
        Assert.Equal(5, await ScalarAsync("SELECT COUNT(*) FROM usage_hourly"));
        Assert.Equal(5, await ScalarAsync("SELECT COUNT(*) FROM usage_daily"));
        Assert.Equal(
            [("anthropic-messages", 1L), ("openai-chat", 9L)],
            (await Store.Usage.AggregateAsync(all, UsageGrouping.Protocol, Ct)).Select(g => (g.Key, g.Totals.Requests)));
    }

    [Fact]
    public async Task Upgrade_ToCurrentRollups_FoldsRawRecordsIntoHourlyAndDailyRows_AndReportsAnswerAsBefore()
    {
        await Store.Migrations.MigrateAsync(M0018UsageRollupsCurrent.Migration.Version - 1, Ct);
        var day0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var raw = Enumerable.Range(0, 40)
            .Select(i => TestData.Usage($"raw{i}", day0.AddMinutes(i * 97).AddMilliseconds(i), $"user_{i % 3}") with { ProviderCost = 0.0001m * i, UserPrice = 0.01m, LatencyMs = i })
            .ToList();

        // Records an older purge had moved into hourly rows, one row each (distinct users keep the rows apart), and a late
        // raw record that shares the first one's hour and dimensions.
        var purged = Enumerable.Range(0, 4)
            .Select(i => TestData.Usage($"old{i}", day0.AddDays(-1).AddHours(5 * i).AddMinutes(20), $"old_{i}") with { ProviderCost = 0.25m, UserPrice = 0.5m, LatencyMs = 100 })
            .ToList();
        raw.Add(purged[0] with { RequestId = "late", Timestamp = purged[0].Timestamp.AddMinutes(10) });
        await using (var session = await Store.Dialect.BeginAsync(readOnly: false, Ct))
        {
            await OldUsageRows.InsertAsync(session, raw, Switchboard.Storage.Usage.UsageColumns.Count, Ct);
            foreach (var r in purged)
            {
                await session.ExecuteAsync(
                    "INSERT INTO usage_hourly (hour, user_id, virtual_key_id, agent_name, slot, catalog_model, platform, provider, key_id, protocol, requests, errors, " +
                    "input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, provider_cost, user_price, latency_ms, ttft_ms, ttft_count) " +
                    "VALUES (@hour, @user, 7, 'agent-x', 'fast', 'qwen-flash', 'dashscope', 'openai', 42, 'anthropic-messages', 1, 0, 1200, 350, 1000, 10, 120, @cost, @price, 100, 95.25, 1)",
                    Ct,
                    ("@hour", Store.Dialect.Time(new DateTimeOffset(r.Timestamp.UtcTicks - (r.Timestamp.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero))),
                    ("@user", r.UserId),
                    ("@cost", Store.Dialect.Money(r.ProviderCost)),
                    ("@price", Store.Dialect.Money(r.UserPrice)));
            }

            await session.CommitAsync(Ct);
        }

        await Store.MigrateAsync(Ct);

        Assert.Equal(raw.Count + purged.Count, await ScalarAsync("SELECT SUM(requests) FROM usage_hourly"));
        foreach (var table in new[] { "usage_daily", "usage_hourly_models", "usage_daily_models" })
        {
            Assert.Equal(raw.Count + purged.Count, await ScalarAsync($"SELECT SUM(requests) FROM {table}"));
        }

        var all = new UsageQuery(DateTimeOffset.UnixEpoch, day0.AddYears(1));
        var byUser = await Store.Usage.AggregateAsync(all, UsageGrouping.User, Ct);
        var expected = raw.Concat(purged).GroupBy(r => r.UserId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (long)g.Count(), g.Sum(r => r.ProviderCost), g.Sum(r => r.UserPrice), g.Sum(r => r.LatencyMs)));
        Assert.Equal(expected, byUser.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key!, g.Totals.Requests, g.Totals.ProviderCost, g.Totals.UserPrice, g.Totals.TotalLatencyMs)));

        // A range with partial hours at both ends, per local day at +05:30: whole hours and days from the rollups, the edges raw.
        var from = day0.AddHours(3).AddMinutes(17);
        var to = day0.AddDays(2).AddHours(1).AddMinutes(40);
        var india = new TimeSpan(5, 30, 0);
        var timeline = await Store.Usage.TimelineAsync(new UsageQuery(from, to), UsageInterval.Day, india, Ct);
        var expectedDays = raw.Where(r => r.Timestamp >= from && r.Timestamp < to)
            .GroupBy(r => new DateTimeOffset(r.Timestamp.ToOffset(india).Date, india)).OrderBy(g => g.Key)
            .Select(g => (g.Key, (long)g.Count(), g.Sum(r => r.ProviderCost)));
        Assert.Equal(expectedDays, timeline.Select(b => (b.Start, b.Totals.Requests, b.Totals.ProviderCost)));
    }
}
