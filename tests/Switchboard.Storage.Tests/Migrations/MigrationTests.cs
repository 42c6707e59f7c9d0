using Switchboard.Abstractions.Configuration;
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

        await Store.SeedAsync([TestData.Platform("deepseek", ["chat", "reasoner"], "k1")], [TestData.Catalog("ds-chat", "deepseek", "chat")], SeedMode.AddMissing, Ct);
        await Store.SetSettingAsync("mode", "multi-fixed", "admin", Ct);
        var keyId = await Store.InsertVirtualKeyAsync(new VirtualKeyRecord { Hash = new string('a', 64), Masked = "sb-…aaaa", CreatedAt = TestData.T0 }, Ct);
        await Store.InsertAsync(TestData.UsageBatch("before-upgrade", 120, TestData.T0), Ct);
        var before = await Store.LoadAsync(Ct);

        await Store.MigrateAsync(Ct);

        Assert.Equal(MigrationCatalog.LatestVersion, await Store.GetSchemaVersionAsync(Ct));
        Assert.Equal(1, await IndexCountAsync("ix_usage_records_catalog_model_timestamp"));
        var after = await Store.LoadAsync(Ct);
        Assert.Equal(before.Platforms.Select(p => (p.Id, p.Name)), after.Platforms.Select(p => (p.Id, p.Name)));
        Assert.Equal(before.Models, after.Models, ModelComparer.Instance);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal("multi-fixed", after.Settings["mode"]);
        Assert.Equal(keyId, Assert.Single(after.VirtualKeys).Id);
        Assert.Equal("ds-chat", Assert.Single(after.Catalog).Id);
        Assert.Equal(120, await Store.CountAsync(Ct));
    }
}
