using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Tests.Fixtures;
using Switchboard.Storage.Tests.Migrations;
using static Switchboard.Storage.Tests.TestData;

namespace Switchboard.Storage.Tests.Catalog;

public abstract class CatalogStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Migrate_AddsCatalogColumns_ExistingRowsReadWithDefaults()
    {
        await Store.Migrations.MigrateAsync(6, Ct);
        await Version1Rows.WriteAsync(Store, Platform("deepseek", ["chat"]), TestData.Catalog("qwen-flash", "deepseek", "chat"), [], Ct);

        await Store.MigrateAsync(Ct);

        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM schema_migrations WHERE version = 7 AND name = 'catalog'"));
        Assert.True(MigrationCatalog.LatestVersion >= 7);
        var model = Assert.Single((await Store.Configuration.LoadAsync(Ct)).Catalog);
        Assert.Null(model.CustomName);
        Assert.Empty(model.Capabilities);
        Assert.Equal(((decimal?)null, (decimal?)null), (model.UserCachedInputPricePerMillion, model.UserCacheWritePricePerMillion));
        Assert.Equal(2, model.Sources.Count);
    }

    [Fact]
    public async Task SaveCatalogModels_UpdatesStoredAttributesKeepingSources_InsertsNewWithSources()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([Platform("deepseek", ["chat", "reasoner"])], [TestData.Catalog("qwen-flash", "deepseek", "chat")], SeedMode.AddMissing, Ct);
        var stored = Assert.Single((await Store.Configuration.LoadAsync(Ct)).Catalog);

        var changed = stored with
        {
            DisplayName = "Qwen Flash",
            CustomName = "通义 快速",
            UserInputPricePerMillion = 0.123456789m,
            UserOutputPricePerMillion = 12.5m,
            UserCachedInputPricePerMillion = null,
            UserCacheWritePricePerMillion = 0.000000001m,
            TierRequired = null,
            Tags = ["hot", "vision"],
            Capabilities = ["tools"],
            MaxOutputTokens = 4096,
            Active = false,
            Featured = false,
            Sources = [new CatalogSourceConfig("elsewhere", "ignored")],
        };
        var added = new CatalogModelConfig
        {
            Id = "reasoner",
            Type = "chat",
            Tags = ["new"],
            Sources = [new CatalogSourceConfig("deepseek", "reasoner"), new CatalogSourceConfig("backup", "reasoner", 1, 3)],
        };

        var inserted = await Store.Catalog.SaveCatalogModelsAsync([changed, added], Ct);

        Assert.Equal(1, inserted);
        var catalog = (await Store.Configuration.LoadAsync(Ct)).Catalog.ToDictionary(c => c.Id);
        var updated = catalog["qwen-flash"];
        Assert.Equal(("Qwen Flash", "通义 快速", 0.123456789m, 12.5m, (string?)null, 4096, false, false),
            (updated.DisplayName, updated.CustomName, updated.UserInputPricePerMillion, updated.UserOutputPricePerMillion, updated.TierRequired, updated.MaxOutputTokens, updated.Active, updated.Featured));
        Assert.Equal(((decimal?)null, (decimal?)0.000000001m), (updated.UserCachedInputPricePerMillion, updated.UserCacheWritePricePerMillion));
        Assert.Equal(["hot", "vision"], updated.Tags);
        Assert.Equal(["tools"], updated.Capabilities);
        Assert.Equal(stored.Sources, updated.Sources);
        Assert.Equal(added.Sources, catalog["reasoner"].Sources);
        Assert.Equal(["new"], catalog["reasoner"].Tags);
        Assert.Equal(["qwen-flash", "reasoner"], (await Store.Configuration.LoadAsync(Ct)).Catalog.Select(c => c.Id));
    }

    [Fact]
    public async Task SaveCatalogModels_OneRowFails_NothingIsWritten()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([Platform("deepseek", ["chat"])], [TestData.Catalog("qwen-flash", "deepseek", "chat")], SeedMode.AddMissing, Ct);
        var stored = Assert.Single((await Store.Configuration.LoadAsync(Ct)).Catalog);

        // The second row breaks a NOT NULL column, after the first row's update already ran in the transaction.
        var broken = new CatalogModelConfig { Id = "broken", Type = null! };
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Catalog.SaveCatalogModelsAsync([stored with { Active = false, Tags = ["gone"] }, broken], Ct));

        var after = Assert.Single((await Store.Configuration.LoadAsync(Ct)).Catalog);
        Assert.True(after.Active);
        Assert.Equal(stored.Tags, after.Tags);
    }

    [Fact]
    public async Task SaveCatalogModels_DuplicateId_IsRefusedBeforeWriting()
    {
        await Store.MigrateAsync(Ct);
        var model = new CatalogModelConfig { Id = "m" };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.Catalog.SaveCatalogModelsAsync([model, model with { Featured = true }], Ct));

        Assert.Empty((await Store.Configuration.LoadAsync(Ct)).Catalog);
    }

    [Fact]
    public async Task ApplyCatalogSync_AddsAndDisables_SecondApplyChangesNothing()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([Platform("up", ["old", "kept"])], [TestData.Catalog("cat", "up", "kept")], SeedMode.AddMissing, Ct);
        var privateId = await Store.Tenancy.InsertPlatformAsync(new PlatformConfig { Name = "mine", Kind = "openai", BaseUrl = "https://mine.example.test", OwnerUserId = "alice" }, Ct);
        var privateModel = (await Store.Tenancy.InsertPlatformModelAsync(Model("x", "x") with { PlatformId = privateId }, "alice", Ct))!.Value;
        var data = await Store.Configuration.LoadAsync(Ct);
        var up = data.Platforms.Single(p => p.Name == "up");
        var old = data.Models.Single(m => m.DisplayName == "old");
        var changes = new CatalogSyncChanges
        {
            AddModels =
            [
                new PlatformModelConfig { PlatformId = up.Id, DisplayName = "fresh", UpstreamModel = "fresh-2026", ContextWindow = 32000 },
                new PlatformModelConfig { PlatformId = up.Id, DisplayName = "kept", UpstreamModel = "would-overwrite" },
                new PlatformModelConfig { PlatformId = privateId, DisplayName = "sneaky", UpstreamModel = "sneaky" },
            ],
            DisableModelIds = [old.Id, privateModel],
            Catalog =
            [
                new CatalogModelConfig { Id = "fresh", Tags = ["new"], MaxOutputTokens = 2048, Sources = [new CatalogSourceConfig("up", "fresh")] },
                new CatalogModelConfig { Id = "cat", Sources = [new CatalogSourceConfig("up", "fresh"), new CatalogSourceConfig("up", "kept", 0, 2)] },
            ],
        };

        var first = await Store.Catalog.ApplyCatalogSyncAsync(changes, Ct);
        var second = await Store.Catalog.ApplyCatalogSyncAsync(changes, Ct);

        Assert.Equal(new CatalogSyncCounts(ModelsAdded: 1, ModelsDisabled: 1, CatalogModelsAdded: 1, SourcesAdded: 1), first);
        Assert.Equal(new CatalogSyncCounts(0, 0, 0, 0), second);
        data = await Store.Configuration.LoadAsync(Ct);
        var models = data.Models.ToDictionary(m => m.DisplayName);
        Assert.Equal(("fresh-2026", 32000, true), (models["fresh"].UpstreamModel, models["fresh"].ContextWindow, models["fresh"].Enabled));
        Assert.Equal("kept-upstream", models["kept"].UpstreamModel);
        Assert.False(models["old"].Enabled);
        Assert.True(models["x"].Enabled);
        Assert.DoesNotContain("sneaky", models.Keys);
        var catalog = data.Catalog.ToDictionary(c => c.Id);
        Assert.Equal(["new"], catalog["fresh"].Tags);
        Assert.Equal(2048, catalog["fresh"].MaxOutputTokens);
        Assert.Equal([new CatalogSourceConfig("up", "fresh")], catalog["fresh"].Sources);
        Assert.Equal(
            [new CatalogSourceConfig("up", "kept", 0, 2), new CatalogSourceConfig("backup", "kept", 1, 1), new CatalogSourceConfig("up", "fresh")],
            catalog["cat"].Sources);
        Assert.True(catalog["cat"].Featured);
    }
}
