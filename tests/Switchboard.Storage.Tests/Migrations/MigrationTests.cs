using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
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
        var data = await Store.LoadAsync(Ct);
        Assert.Empty(data.Platforms);
        Assert.Empty(data.Keys);
        Assert.Empty(data.Models);
        Assert.Empty(data.Catalog);
        Assert.Empty(data.VirtualKeys);
        Assert.Empty(data.Settings);
        Assert.Equal(0, await Store.CountAsync(Ct));
        Assert.False(await Store.HasSealedSecretsAsync(Ct));
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
        await Store.SetSettingAsync("mode", "multi-fixed", "admin", Ct);
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
        var after = await Store.LoadAsync(Ct);
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
        Assert.Equal(120, await Store.CountAsync(Ct));
    }
}
