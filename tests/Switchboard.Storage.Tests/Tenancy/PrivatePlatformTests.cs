using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Tests.Fixtures;
using Switchboard.Storage.Tests.Migrations;
using static Switchboard.Storage.Tests.Tenancy.TenancyTestData;

namespace Switchboard.Storage.Tests.Tenancy;

public abstract class PrivatePlatformTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task PrivatePlatform_OwnerCreatesUpdatesAndDeletesPlatformAndModels()
    {
        await Store.MigrateAsync(Ct);
        var platform = PrivatePlatform("alice", "mine");

        var platformId = await Store.Tenancy.InsertPlatformAsync(platform, Ct);
        var modelId = await Store.Tenancy.InsertPlatformModelAsync(Model(platformId, "gpt"), "alice", Ct);

        Assert.NotNull(modelId);
        var data = await Store.Configuration.LoadAsync(Ct);
        var stored = Assert.Single(data.Platforms);
        Assert.Equal((platformId, "mine", "alice", "openrouter", "https://mine.example.test/v1"), (stored.Id, stored.Name, stored.OwnerUserId, stored.Preset, stored.BaseUrl));
        Assert.Equal(platform.Headers, stored.Headers);
        Assert.Equal(Model(platformId, "gpt") with { Id = modelId.Value }, Assert.Single(data.Models), ModelComparer.Instance);

        var renamed = platform with
        {
            Id = platformId,
            Name = "renamed",
            Kind = "anthropic",
            BaseUrl = "https://other.example.test",
            Headers = new Dictionary<string, string>(),
            Options = new Dictionary<string, string> { ["region"] = "eu" },
            ExtraBodyJson = null,
            Enabled = false,
        };
        Assert.True(await Store.Tenancy.UpdatePlatformAsync(renamed, PlatformKeyChange.None, Ct));
        var changedModel = Model(platformId, "gpt-renamed") with
        {
            Id = modelId.Value,
            UpstreamModel = "gpt-4o-2025",
            InputPricePerMillion = 1.25m,
            CachedInputPricePerMillion = null,
            CacheWritePricePerMillion = null,
            CacheWrite1HourPricePerMillion = 2.5m,
            ContextWindow = null,
            Type = "embedding",
            Capabilities = [],
            Enabled = false,
        };
        Assert.True(await Store.Tenancy.UpdatePlatformModelAsync(changedModel, "alice", Ct));

        data = await Store.Configuration.LoadAsync(Ct);
        stored = Assert.Single(data.Platforms);
        Assert.Equal(("renamed", "anthropic", "https://other.example.test", false, null), (stored.Name, stored.Kind, stored.BaseUrl, stored.Enabled, stored.ExtraBodyJson));
        Assert.Empty(stored.Headers);
        Assert.Equal("eu", stored.Options["region"]);
        Assert.Equal(changedModel, Assert.Single(data.Models), ModelComparer.Instance);

        Assert.True(await Store.Tenancy.DeletePlatformModelAsync(modelId.Value, "alice", Ct));
        Assert.False(await Store.Tenancy.DeletePlatformModelAsync(modelId.Value, "alice", Ct));
        await Store.Tenancy.InsertPlatformModelAsync(Model(platformId, "second"), "alice", Ct);
        await Store.Tenancy.SetUserPlatformKeyAsync(platformId, "alice", "ENC:v1:a", "sk-…a", Ct);
        Assert.True(await Store.Tenancy.DeletePlatformAsync(platformId, "alice", Ct));
        Assert.False(await Store.Tenancy.DeletePlatformAsync(platformId, "alice", Ct));

        data = await Store.Configuration.LoadAsync(Ct);
        Assert.Empty(data.Platforms);
        Assert.Empty(data.Models);
        Assert.Empty(data.Keys);
    }

    [Fact]
    public async Task PrivatePlatform_OtherOwners_CannotChangeIt()
    {
        await Store.MigrateAsync(Ct);
        var platformId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform("alice", "mine"), Ct);
        var modelId = (await Store.Tenancy.InsertPlatformModelAsync(Model(platformId, "gpt"), "alice", Ct))!.Value;
        var before = await Store.Configuration.LoadAsync(Ct);

        foreach (var intruder in new[] { "bob", SystemUser.Id })
        {
            Assert.False(await Store.Tenancy.UpdatePlatformAsync(PrivatePlatform(intruder, "stolen") with { Id = platformId }, PlatformKeyChange.None, Ct));
            Assert.False(await Store.Tenancy.DeletePlatformAsync(platformId, intruder, Ct));
            Assert.Null(await Store.Tenancy.InsertPlatformModelAsync(Model(platformId, "planted"), intruder, Ct));
            Assert.False(await Store.Tenancy.UpdatePlatformModelAsync(Model(platformId, "hijacked") with { Id = modelId }, intruder, Ct));
            Assert.False(await Store.Tenancy.DeletePlatformModelAsync(modelId, intruder, Ct));
        }

        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.Tenancy.SetUserPlatformKeyAsync(platformId, "bob", "ENC:v1:b", "sk-…b", Ct));
        Assert.Null(await Store.Tenancy.InsertPlatformModelAsync(Model(platformId + 1000, "nowhere"), "alice", Ct));

        var after = await Store.Configuration.LoadAsync(Ct);
        var platform = Assert.Single(after.Platforms);
        Assert.Equal((before.Platforms[0].Id, "mine", "alice", before.Platforms[0].BaseUrl), (platform.Id, platform.Name, platform.OwnerUserId, platform.BaseUrl));
        Assert.Equal(before.Models, after.Models, ModelComparer.Instance);
        Assert.Empty(after.Keys);
    }

    [Fact]
    public async Task SystemPlatforms_AreManagedWithTheSystemOwner_AndUsersCannotTouchThem()
    {
        await Store.MigrateAsync(Ct);
        var platformId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform(SystemUser.Id, "shared"), Ct);
        var modelId = await Store.Tenancy.InsertPlatformModelAsync(Model(platformId, "chat"), SystemUser.Id, Ct);
        Assert.NotNull(modelId);

        Assert.False(await Store.Tenancy.DeletePlatformAsync(platformId, "alice", Ct));
        Assert.False(await Store.Tenancy.DeletePlatformModelAsync(modelId.Value, "alice", Ct));
        Assert.Null(await Store.Tenancy.InsertPlatformModelAsync(Model(platformId, "planted"), "alice", Ct));

        Assert.True(await Store.Tenancy.UpdatePlatformModelAsync(Model(platformId, "chat-v2") with { Id = modelId.Value }, SystemUser.Id, Ct));
        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal(SystemUser.Id, Assert.Single(data.Platforms).OwnerUserId);
        Assert.Equal("chat-v2", Assert.Single(data.Models).DisplayName);
    }

    [Fact]
    public async Task DuplicateNames_ThrowDuplicateNameException_PerOwnerAndPerPlatform()
    {
        await Store.MigrateAsync(Ct);
        var aliceId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform("alice", "mine"), Ct);
        var otherId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform("alice", "other"), Ct);
        await Store.Tenancy.InsertPlatformAsync(PrivatePlatform("bob", "mine"), Ct);
        await Store.Tenancy.InsertPlatformAsync(PrivatePlatform(SystemUser.Id, "mine"), Ct);

        var duplicate = await Assert.ThrowsAsync<DuplicateNameException>(() => Store.Tenancy.InsertPlatformAsync(PrivatePlatform("alice", "mine"), Ct));
        Assert.Contains("'mine'", duplicate.Message, StringComparison.Ordinal);
        Assert.NotNull(duplicate.InnerException);
        var systemDuplicate = await Assert.ThrowsAsync<DuplicateNameException>(() => Store.Tenancy.InsertPlatformAsync(PrivatePlatform(SystemUser.Id, "mine"), Ct));
        Assert.Contains("'mine'", systemDuplicate.Message, StringComparison.Ordinal);
        var rename = await Assert.ThrowsAsync<DuplicateNameException>(() => Store.Tenancy.UpdatePlatformAsync(PrivatePlatform("alice", "mine") with { Id = otherId }, PlatformKeyChange.None, Ct));
        Assert.Contains("'mine'", rename.Message, StringComparison.Ordinal);

        var gptId = (await Store.Tenancy.InsertPlatformModelAsync(Model(aliceId, "gpt"), "alice", Ct))!.Value;
        var claudeId = (await Store.Tenancy.InsertPlatformModelAsync(Model(aliceId, "claude"), "alice", Ct))!.Value;
        await Store.Tenancy.InsertPlatformModelAsync(Model(otherId, "gpt"), "alice", Ct);
        var modelDuplicate = await Assert.ThrowsAsync<DuplicateNameException>(() => Store.Tenancy.InsertPlatformModelAsync(Model(aliceId, "gpt"), "alice", Ct));
        Assert.Contains("'gpt'", modelDuplicate.Message, StringComparison.Ordinal);
        var modelRename = await Assert.ThrowsAsync<DuplicateNameException>(() => Store.Tenancy.UpdatePlatformModelAsync(Model(aliceId, "gpt") with { Id = claudeId }, "alice", Ct));
        Assert.Contains("'gpt'", modelRename.Message, StringComparison.Ordinal);

        // The failed statements rolled back cleanly: the store keeps working and nothing half-written remains.
        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal(["mine", "other", "mine", "mine"], data.Platforms.Select(p => p.Name));
        Assert.Equal(["gpt", "claude"], data.Models.Where(m => m.PlatformId == aliceId).Select(m => m.DisplayName));
        Assert.True(await Store.Tenancy.UpdatePlatformModelAsync(Model(aliceId, "gpt-2") with { Id = gptId }, "alice", Ct));
    }

    [Fact]
    public async Task UserPlatformKey_SecondSetReplacesTheFirst_AndDeleteRemovesIt()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("shared", ["chat"], "server-key")], [], SeedMode.AddMissing, Ct);
        var sharedId = Assert.Single((await Store.Configuration.LoadAsync(Ct)).Platforms).Id;
        var ownId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform("alice", "mine"), Ct);

        var first = await Store.Tenancy.SetUserPlatformKeyAsync(sharedId, "alice", "ENC:v1:first", "sk-…1111", Ct);
        await ExecuteSqlAsync("UPDATE platform_keys SET status = 'invalid' WHERE id = @id", ("@id", first));
        var second = await Store.Tenancy.SetUserPlatformKeyAsync(sharedId, "alice", "ENC:v1:second", "sk-…2222", Ct);
        var bobs = await Store.Tenancy.SetUserPlatformKeyAsync(sharedId, "bob", "ENC:v1:bob", "sk-…bbbb", Ct);
        var own = await Store.Tenancy.SetUserPlatformKeyAsync(ownId, "alice", "ENC:v1:own", "sk-…0000", Ct);

        Assert.Equal(first, second);
        Assert.Equal(4, new[] { second, bobs, own, 0 }.Distinct().Count());
        var keys = (await Store.Configuration.LoadAsync(Ct)).Keys;
        var alices = Assert.Single(keys, k => k.OwnerUserId == "alice" && k.PlatformId == sharedId);
        Assert.Equal((second, "ENC:v1:second", "sk-…2222", ApiKeyStatus.Active), (alices.Id, alices.SealedValue, alices.Masked, alices.Status));
        Assert.Equal(4, keys.Count);

        Assert.True(await Store.Tenancy.DeleteUserPlatformKeyAsync(sharedId, "alice", Ct));
        Assert.False(await Store.Tenancy.DeleteUserPlatformKeyAsync(sharedId, "alice", Ct));
        keys = (await Store.Configuration.LoadAsync(Ct)).Keys;
        Assert.Equal([SystemUser.Id, "bob", "alice"], keys.OrderBy(k => k.Id).Select(k => k.OwnerUserId));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Tenancy.SetUserPlatformKeyAsync(sharedId, SystemUser.Id, "ENC:v1:x", "x", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Tenancy.DeleteUserPlatformKeyAsync(sharedId, SystemUser.Id, Ct));
    }

    [Fact]
    public async Task UserPlatformKey_SetConcurrently_LeavesOneRow()
    {
        await Store.MigrateAsync(Ct);
        var platformId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform(SystemUser.Id, "shared"), Ct);

        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.Tenancy.SetUserPlatformKeyAsync(platformId, "alice", $"ENC:v1:{i}", $"sk-…{i}", Ct))));

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM platform_keys WHERE owner_user_id = 'alice'"));
    }

    [Fact]
    public async Task InsertSystemKey_StoresAServerKeyWhateverTheOwnerSays()
    {
        await Store.MigrateAsync(Ct);
        var platformId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform(SystemUser.Id, "shared"), Ct);
        await Store.Tenancy.SetUserPlatformKeyAsync(platformId, "alice", "ENC:v1:a", "sk-…a", Ct);

        var first = await Store.Tenancy.InsertSystemKeyAsync(TestData.Key("k1", owner: "alice") with { PlatformId = platformId }, Ct);
        var second = await Store.Tenancy.InsertSystemKeyAsync(TestData.Key("k2") with { PlatformId = platformId }, Ct);

        Assert.NotEqual(first, second);
        var systemKeys = (await Store.Configuration.LoadAsync(Ct)).Keys.Where(k => k.OwnerUserId == SystemUser.Id).ToList();
        Assert.Equal(
            [TestData.Key("k1") with { Id = first, PlatformId = platformId }, TestData.Key("k2") with { Id = second, PlatformId = platformId }],
            systemKeys);
    }

    [Fact]
    public async Task UpdatePlatform_WithAKeyChange_ReplacesTheOwnersKeysAndDropsUsersKeysInOneTransaction()
    {
        await Store.MigrateAsync(Ct);
        var sharedId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform(SystemUser.Id, "shared"), Ct);
        await Store.Tenancy.InsertSystemKeyAsync(TestData.Key("old-1") with { PlatformId = sharedId }, Ct);
        await Store.Tenancy.InsertSystemKeyAsync(TestData.Key("old-2") with { PlatformId = sharedId }, Ct);
        await Store.Tenancy.SetUserPlatformKeyAsync(sharedId, "alice", "ENC:v1:alice", "sk-…aaaa", Ct);
        var ownId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform("bob", "mine"), Ct);
        await Store.Tenancy.SetUserPlatformKeyAsync(ownId, "bob", "ENC:v1:bob-old", "sk-…0000", Ct);

        var moved = PrivatePlatform(SystemUser.Id, "shared") with { Id = sharedId, BaseUrl = "https://moved.example.test/v1" };
        Assert.True(await Store.Tenancy.UpdatePlatformAsync(moved, new PlatformKeyChange { ReplaceOwnerKeys = [TestData.Key("new-1")], DropUsersKeys = true }, Ct));
        var bobsMoved = PrivatePlatform("bob", "mine") with { Id = ownId, BaseUrl = "https://bob-moved.example.test" };
        Assert.True(await Store.Tenancy.UpdatePlatformAsync(bobsMoved, new PlatformKeyChange { ReplaceOwnerKeys = [TestData.Key("ignored") with { SealedValue = "ENC:v1:bob-new" }] }, Ct));

        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal("https://moved.example.test/v1", data.Platforms.Single(p => p.Id == sharedId).BaseUrl);
        Assert.Equal(["new-1:-1"], data.Keys.Where(k => k.PlatformId == sharedId).Select(k => $"{k.Label}:{k.OwnerUserId}"));
        var bobsKey = Assert.Single(data.Keys, k => k.PlatformId == ownId);
        Assert.Equal(("bob", "ENC:v1:bob-new"), (bobsKey.OwnerUserId, bobsKey.SealedValue));

        // A user's platform holds one key; the platform of someone else is "not found" and nothing changes.
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Tenancy.UpdatePlatformAsync(bobsMoved, new PlatformKeyChange { ReplaceOwnerKeys = [TestData.Key("a"), TestData.Key("b")] }, Ct));
        Assert.False(await Store.Tenancy.UpdatePlatformAsync(PrivatePlatform("mallory", "mine") with { Id = ownId }, new PlatformKeyChange { ReplaceOwnerKeys = [], DropUsersKeys = true }, Ct));
        Assert.Equal("ENC:v1:bob-new", Assert.Single((await Store.Configuration.LoadAsync(Ct)).Keys, k => k.PlatformId == ownId).SealedValue);
    }
}
