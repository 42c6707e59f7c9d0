using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Seeding;

public abstract class SeedTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task AddMissing_SecondCall_AddsOnlyNewPlatformsModelsAndCatalogModels()
    {
        await Store.MigrateAsync(Ct);
        var first = await Store.Configuration.SeedAsync(
            [TestData.Platform("alpha", ["m1", "m2"], "k1"), TestData.Platform("beta", ["m1"], "k1", "k2")],
            [TestData.Catalog("c1", "alpha", "m1")],
            SeedMode.AddMissing,
            Ct);
        Assert.Equal(new SeedResult(2, 0, 0, 3, 0, 3, 1), first);

        var changedAlpha = TestData.Platform("alpha", ["m1", "m2", "m3"], "k-new");
        changedAlpha = changedAlpha with
        {
            Platform = changedAlpha.Platform with { BaseUrl = "https://changed.example.test" },
            Models = [TestData.Model("m1", "changed-upstream"), .. changedAlpha.Models.Skip(1)],
        };
        var second = await Store.Configuration.SeedAsync(
            [changedAlpha, TestData.Platform("beta", ["m1"], "k1", "k2"), TestData.Platform("gamma", ["g1", "g2"], "kg")],
            [TestData.Catalog("c1", "changed", "changed") with { DisplayName = "changed" }, TestData.Catalog("c2", "gamma", "g1")],
            SeedMode.AddMissing,
            Ct);

        Assert.Equal(new SeedResult(PlatformsAdded: 1, 0, 0, ModelsAdded: 3, 0, KeysAdded: 1, CatalogModelsAdded: 1), second);
        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal(["alpha", "beta", "gamma"], data.Platforms.Select(p => p.Name));
        var alpha = data.Platforms.Single(p => p.Name == "alpha");
        Assert.Equal("https://alpha.example.test/v1", alpha.BaseUrl);
        Assert.Equal(["m1", "m2", "m3"], data.Models.Where(m => m.PlatformId == alpha.Id).Select(m => m.DisplayName));
        Assert.Equal("m1-upstream", data.Models.Single(m => m.PlatformId == alpha.Id && m.DisplayName == "m1").UpstreamModel);
        Assert.Equal(["k1"], data.Keys.Where(k => k.PlatformId == alpha.Id).Select(k => k.Label));
        Assert.Equal(4, data.Keys.Count);
        Assert.Equal(["c1", "c2"], data.Catalog.Select(c => c.Id));
        Assert.Equal("C1", data.Catalog[0].DisplayName);

        var third = await Store.Configuration.SeedAsync([changedAlpha], [], SeedMode.AddMissing, Ct);
        Assert.Equal(new SeedResult(0, 0, 0, 0, 0, 0, 0), third);
    }

    [Fact]
    public async Task Reset_MatchesFile_RemovesUnlistedSystemPlatforms_KeepsUsersKeysAndPrivatePlatforms()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync(
            [TestData.Platform("alpha", ["m1", "m2"], "k1"), TestData.Platform("beta", ["b1"], "kb")],
            [TestData.Catalog("c1", "alpha", "m1"), TestData.Catalog("c2", "alpha", "m2")],
            SeedMode.AddMissing,
            Ct);
        var before = await Store.Configuration.LoadAsync(Ct);
        var alphaId = before.Platforms.Single(p => p.Name == "alpha").Id;
        var m1Id = before.Models.Single(m => m.PlatformId == alphaId && m.DisplayName == "m1").Id;
        await InsertUserKeyAsync(alphaId, "user_42", "byok");
        var privateId = await InsertPrivatePlatformAsync("beta", "user_42");
        await InsertUserKeyAsync(privateId, "user_42", "private-key");

        var alpha = TestData.Platform("alpha", [], "k2", "k3");
        alpha = alpha with
        {
            // Same origin, new path: the same host, so users' own keys stay (a new host drops them; see the next test).
            Platform = alpha.Platform with { BaseUrl = "https://ALPHA.example.test:443/v2", Enabled = false, Headers = new Dictionary<string, string>() },
            Models = [TestData.Model("m1", "m1-v2") with { InputPricePerMillion = 9.99m }, TestData.Model("m3", "m3-up")],
        };
        var result = await Store.Configuration.SeedAsync(
            [alpha, TestData.Platform("gamma", ["g1"], "kg")],
            [TestData.Catalog("c3", "gamma", "g1"), TestData.Catalog("c2", "gamma", "g1") with { Featured = false, Sources = [] }],
            SeedMode.Reset,
            Ct);

        Assert.Equal(new SeedResult(PlatformsAdded: 1, PlatformsUpdated: 1, PlatformsRemoved: 1, ModelsAdded: 2, ModelsRemoved: 2, KeysAdded: 3, CatalogModelsAdded: 1), result);
        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal(["alpha", "gamma"], data.Platforms.Where(p => p.OwnerUserId == SystemUser.Id).Select(p => p.Name));
        var kept = data.Platforms.Single(p => p.Name == "alpha");
        Assert.Equal(alphaId, kept.Id);
        Assert.Equal("https://ALPHA.example.test:443/v2", kept.BaseUrl);
        Assert.False(kept.Enabled);
        Assert.Empty(kept.Headers);
        var alphaModels = data.Models.Where(m => m.PlatformId == alphaId).ToList();
        Assert.Equal(["m1", "m3"], alphaModels.Select(m => m.DisplayName));
        Assert.Equal(m1Id, alphaModels[0].Id);
        Assert.Equal("m1-v2", alphaModels[0].UpstreamModel);
        Assert.Equal(9.99m, alphaModels[0].InputPricePerMillion);
        Assert.Equal(
            ["byok:user_42", "k2:-1", "k3:-1"],
            data.Keys.Where(k => k.PlatformId == alphaId).Select(k => $"{k.Label}:{k.OwnerUserId}").Order(StringComparer.Ordinal));
        var privatePlatform = data.Platforms.Single(p => p.OwnerUserId == "user_42");
        Assert.Equal(privateId, privatePlatform.Id);
        Assert.Equal("private-key", data.Keys.Single(k => k.PlatformId == privateId).Label);
        Assert.Equal(["c3", "c2"], data.Catalog.Select(c => c.Id));
        Assert.False(data.Catalog[1].Featured);
        Assert.Empty(data.Catalog[1].Sources);
        Assert.Equal(2, data.Catalog[0].Sources.Count);
    }

    [Fact]
    public async Task Reset_PlatformMovedToNewHost_TakesTheFilesKeysAndDropsUsersKeys_OtherPlatformsKeepTheirs()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("alpha", ["m1"], "k1"), TestData.Platform("beta", ["b1"], "kb")], [], SeedMode.AddMissing, Ct);
        var before = await Store.Configuration.LoadAsync(Ct);
        var alphaId = before.Platforms.Single(p => p.Name == "alpha").Id;
        var betaId = before.Platforms.Single(p => p.Name == "beta").Id;
        await InsertUserKeyAsync(alphaId, "user_42", "byok-alpha");
        await InsertUserKeyAsync(betaId, "user_42", "byok-beta");

        var alpha = TestData.Platform("alpha", ["m1"], "k2");
        var result = await Store.Configuration.SeedAsync(
            [alpha with { Platform = alpha.Platform with { BaseUrl = "https://elsewhere.example.test/v1" } }, TestData.Platform("beta", ["b1"], "kb2")],
            [],
            SeedMode.Reset,
            Ct);

        Assert.Equal(["alpha"], result.HostsChanged);
        Assert.Equal(1, result.UserKeysDropped);
        var keys = (await Store.Configuration.LoadAsync(Ct)).Keys;
        Assert.Equal(["k2:-1"], keys.Where(k => k.PlatformId == alphaId).Select(k => $"{k.Label}:{k.OwnerUserId}"));
        Assert.Equal(["byok-beta:user_42", "kb2:-1"], keys.Where(k => k.PlatformId == betaId).Select(k => $"{k.Label}:{k.OwnerUserId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddMissing_FromSeveralReplicasAtOnce_AddsEverythingOnce()
    {
        await Store.MigrateAsync(Ct);
        PlatformSeed[] platforms = [TestData.Platform("alpha", ["m1", "m2"], "k1"), TestData.Platform("beta", ["m1"], "k1")];
        var replicas = Enumerable.Range(0, 4).Select(_ => SwitchboardStorage.Create(ConnectionString)).ToList();
        try
        {
            var results = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.Configuration.SeedAsync(platforms, [TestData.Catalog("c1", "alpha", "m1")], SeedMode.AddMissing, Ct))));
            Assert.Equal(2, results.Sum(r => r.PlatformsAdded));
            Assert.Equal(1, results.Sum(r => r.CatalogModelsAdded));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }

        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal(2, data.Platforms.Count);
        Assert.Equal(3, data.Models.Count);
        Assert.Equal(2, data.Keys.Count);
    }

    [Fact]
    public async Task Seed_WithAnError_ChangesNothing()
    {
        await Store.MigrateAsync(Ct);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Configuration.SeedAsync(
            [TestData.Platform("alpha", ["m1"], "k1"), TestData.Platform("alpha", ["m2"])],
            [],
            SeedMode.AddMissing,
            Ct));

        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Empty(data.Platforms);
        Assert.Empty(data.Keys);
        Assert.False(await Store.Configuration.HasSealedSecretsAsync(Ct));
    }

    [Fact]
    public async Task Load_RoundTripsEveryConfiguredField()
    {
        await Store.MigrateAsync(Ct);
        var seed = TestData.Platform("通义", ["通义flash"], "k1");
        var catalog = TestData.Catalog("qwen-flash", "通义", "通义flash");
        await Store.Configuration.SeedAsync([seed], [catalog], SeedMode.AddMissing, Ct);

        var data = await Store.Configuration.LoadAsync(Ct);

        var platform = Assert.Single(data.Platforms);
        Assert.Equal(seed.Platform with { Id = platform.Id, Headers = platform.Headers, Options = platform.Options }, platform);
        Assert.Equal(seed.Platform.Headers, platform.Headers);
        Assert.Equal(seed.Platform.Options, platform.Options);
        var key = Assert.Single(data.Keys);
        Assert.Equal(seed.Keys[0] with { Id = key.Id, PlatformId = platform.Id }, key);
        var model = Assert.Single(data.Models);
        Assert.Equal(seed.Models[0] with { Id = model.Id, PlatformId = platform.Id }, model, Migrations.ModelComparer.Instance);
        var stored = Assert.Single(data.Catalog);
        Assert.Equal(catalog with { Tags = stored.Tags, Sources = stored.Sources }, stored);
        Assert.Equal(catalog.Tags, stored.Tags);
        Assert.Equal(catalog.Sources, stored.Sources);
    }

    [Fact]
    public async Task Decimals_RoundTripExactly()
    {
        await Store.MigrateAsync(Ct);
        decimal[] prices = [0.000001m, 2.50m, 1234567890.123456789m, 0.1m + 0.2m, 79228162514264.337593543950m];
        var seed = TestData.Platform("exact", [], "k") with
        {
            Models = [.. prices.Select((p, i) => TestData.Model($"m{i}", "up") with
            {
                InputPricePerMillion = p,
                OutputPricePerMillion = -p,
                CachedInputPricePerMillion = i == 0 ? null : p / 3,
                CacheWritePricePerMillion = i == 0 ? null : p * 1.25m,
                CacheWrite1HourPricePerMillion = i == 0 ? null : p * 2,
            })],
        };
        var catalog = prices.Select((p, i) => TestData.Catalog($"c{i}", "exact", $"m{i}") with
        {
            UserInputPricePerMillion = p,
            UserOutputPricePerMillion = p * 2,
            UserCachedInputPricePerMillion = i == 0 ? null : p / 7,
            UserCacheWritePricePerMillion = i == 0 ? null : p * 3,
        }).ToList();
        await Store.Configuration.SeedAsync([seed], catalog, SeedMode.AddMissing, Ct);

        var data = await Store.Configuration.LoadAsync(Ct);

        for (var i = 0; i < prices.Length; i++)
        {
            var model = data.Models.Single(m => m.DisplayName == $"m{i}");
            Assert.Equal(prices[i].ToString(System.Globalization.CultureInfo.InvariantCulture), model.InputPricePerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(-prices[i], model.OutputPricePerMillion);
            Assert.Equal(i == 0 ? null : prices[i] / 3, model.CachedInputPricePerMillion);
            Assert.Equal(i == 0 ? null : prices[i] * 1.25m, model.CacheWritePricePerMillion);
            Assert.Equal(i == 0 ? null : prices[i] * 2, model.CacheWrite1HourPricePerMillion);
            var c = data.Catalog.Single(x => x.Id == $"c{i}");
            Assert.Equal(prices[i], c.UserInputPricePerMillion);
            Assert.Equal(prices[i] * 2, c.UserOutputPricePerMillion);
            Assert.Equal(i == 0 ? null : prices[i] / 7, c.UserCachedInputPricePerMillion);
            Assert.Equal(i == 0 ? null : prices[i] * 3, c.UserCacheWritePricePerMillion);
        }
    }

    private Task<int> InsertUserKeyAsync(long platformId, string owner, string label) => ExecuteSqlAsync(
        "INSERT INTO platform_keys (platform_id, owner_user_id, label, sealed_value, masked, created_at) VALUES (@p, @o, @l, 'ENC:v1:x', 'sk-…x', @t)",
        ("@p", platformId),
        ("@o", owner),
        ("@l", label),
        ("@t", Store.Dialect.Time(TestData.T0)));

    private async Task<long> InsertPrivatePlatformAsync(string name, string owner)
    {
        await ExecuteSqlAsync(
            "INSERT INTO platforms (name, kind, base_url, owner_user_id, created_at, updated_at) VALUES (@n, 'openai', 'https://private.test', @o, @t, @t)",
            ("@n", name),
            ("@o", owner),
            ("@t", Store.Dialect.Time(TestData.T0)));
        return await ScalarAsync("SELECT id FROM platforms WHERE owner_user_id = @o AND name = @n", ("@o", owner), ("@n", name));
    }
}
