using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.PlatformKeys;

/// <summary>Checks changing one upstream key at a time on both databases: pool settings, the secret in place, removal, each bumping the configuration version.</summary>
public abstract class PlatformKeyStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Update_StoresLabelWeightPriorityAndStatusOnly_AndBumpsTheVersion()
    {
        var key = await SeedAsync();
        var version = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;

        Assert.True(await Store.PlatformKeys.UpdatePlatformKeyAsync(key with { Label = "renamed", Weight = 9, Priority = -2, Status = ApiKeyStatus.Disabled, SealedValue = "ENC:v1:ignored", Masked = "ignored" }, Ct));

        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal(key with { Label = "renamed", Weight = 9, Priority = -2, Status = ApiKeyStatus.Disabled }, data.Keys.Single(k => k.Id == key.Id));
        Assert.True(data.ConfigVersion > version);
        Assert.False(await Store.PlatformKeys.UpdatePlatformKeyAsync(key with { Id = key.Id + 1000 }, Ct));
    }

    [Fact]
    public async Task ReplaceSecret_KeepsIdSettingsAndQuota_ActivatesAnInvalidKey_ButNotADisabledOne()
    {
        var key = await SeedAsync();
        await ExecuteSqlAsync("UPDATE platform_keys SET status = 'invalid' WHERE id = @id", ("@id", key.Id));

        Assert.True(await Store.PlatformKeys.ReplacePlatformKeySecretAsync(key, "ENC:v1:new", "sk-n…new1", Ct));
        var stored = (await Store.Configuration.LoadAsync(Ct)).Keys.Single(k => k.Id == key.Id);
        Assert.Equal(key with { SealedValue = "ENC:v1:new", Masked = "sk-n…new1", Status = ApiKeyStatus.Active }, stored);

        await Store.PlatformKeys.UpdatePlatformKeyAsync(stored with { Status = ApiKeyStatus.Disabled }, Ct);
        Assert.True(await Store.PlatformKeys.ReplacePlatformKeySecretAsync(key, "ENC:v1:newer", "sk-n…new2", Ct));
        Assert.Equal(ApiKeyStatus.Disabled, (await Store.Configuration.LoadAsync(Ct)).Keys.Single(k => k.Id == key.Id).Status);

        // The secret is sealed to the owner and platform the caller read; a key that moved under it is not overwritten.
        Assert.False(await Store.PlatformKeys.ReplacePlatformKeySecretAsync(key with { OwnerUserId = "user_1" }, "ENC:v1:x", "x", Ct));
        Assert.False(await Store.PlatformKeys.ReplacePlatformKeySecretAsync(key with { PlatformId = key.PlatformId + 1 }, "ENC:v1:x", "x", Ct));
        Assert.Equal("ENC:v1:newer", (await Store.Configuration.LoadAsync(Ct)).Keys.Single(k => k.Id == key.Id).SealedValue);
    }

    [Fact]
    public async Task Delete_RemovesOnlyThatKey_AndASecondDeleteFindsNothing()
    {
        var key = await SeedAsync();
        var others = (await Store.Configuration.LoadAsync(Ct)).Keys.Where(k => k.Id != key.Id).Select(k => k.Id).ToList();
        var version = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;

        Assert.True(await Store.PlatformKeys.DeletePlatformKeyAsync(key.Id, Ct));
        Assert.False(await Store.PlatformKeys.DeletePlatformKeyAsync(key.Id, Ct));

        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Equal(others, data.Keys.Select(k => k.Id));
        Assert.True(data.ConfigVersion > version);
    }

    /// <summary>Seeds one platform with two server keys, gives the first a quota, and returns it as stored.</summary>
    private async Task<ApiKeyConfig> SeedAsync()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("alpha", ["m"], "one", "two")], [], SeedMode.AddMissing, Ct);
        var first = (await Store.Configuration.LoadAsync(Ct)).Keys.OrderBy(k => k.Id).First();
        await Store.KeyQuotas.SetKeyQuotaAsync(first.Id, new KeyQuotaConfig { Tokens = 500, Period = Switchboard.Abstractions.Tenancy.BudgetPeriod.Day }, Ct);
        return (await Store.Configuration.LoadAsync(Ct)).Keys.Single(k => k.Id == first.Id);
    }
}
