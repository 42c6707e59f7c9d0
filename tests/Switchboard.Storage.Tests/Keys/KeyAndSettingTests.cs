using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Tests.Fixtures;

namespace Switchboard.Storage.Tests.Keys;

public abstract class KeyAndSettingTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task VirtualKey_InsertThenRevoke_KeepsFirstRevocationTime()
    {
        await Store.MigrateAsync(Ct);
        var key = new VirtualKeyRecord
        {
            Hash = new string('b', 64),
            Masked = "sb-abcd…wxyz",
            Name = "ci",
            UserId = "user_9",
            Role = "admin",
            CreatedAt = TestData.T0,
            ExpiresAt = TestData.T0.AddDays(30),
        };

        var id = await Store.Configuration.InsertVirtualKeyAsync(key, Ct);
        var second = await Store.Configuration.InsertVirtualKeyAsync(key with { Hash = new string('c', 64), ExpiresAt = null }, Ct);

        Assert.True(id > 0);
        Assert.NotEqual(id, second);
        Assert.Equal(key with { Id = id }, (await Store.Configuration.LoadAsync(Ct)).VirtualKeys[0]);
        Assert.True(await Store.Configuration.RevokeVirtualKeyAsync(id, TestData.T0.AddHours(1), Ct));
        Assert.True(await Store.Configuration.RevokeVirtualKeyAsync(id, TestData.T0.AddHours(2), Ct));
        Assert.False(await Store.Configuration.RevokeVirtualKeyAsync(id + 1000, TestData.T0, Ct));
        var keys = (await Store.Configuration.LoadAsync(Ct)).VirtualKeys;
        Assert.Equal(TestData.T0.AddHours(1), keys.Single(k => k.Id == id).RevokedAt);
        Assert.Null(keys.Single(k => k.Id == second).RevokedAt);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Store.Configuration.InsertVirtualKeyAsync(key, Ct));
    }

    [Fact]
    public async Task Settings_SetTwice_UpsertsValueAndAuthor()
    {
        await Store.MigrateAsync(Ct);
        Assert.Null(await Store.Configuration.GetSettingAsync("mode", Ct));

        await Store.Configuration.SetSettingAsync("mode", "single", "admin", Ct);
        await Store.Configuration.SetSettingAsync("auto_key", "true", "admin", Ct);
        await Store.Configuration.SetSettingAsync("mode", "multi-custom", "user_7", Ct);

        Assert.Equal("multi-custom", await Store.Configuration.GetSettingAsync("mode", Ct));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM settings WHERE name = 'mode' AND updated_by = 'user_7'"));
        var settings = (await Store.Configuration.LoadAsync(Ct)).Settings;
        Assert.Equal(2, settings.Count);
        Assert.Equal("true", settings["auto_key"]);
    }

    [Fact]
    public async Task HasSealedSecrets_IsTrueOnlyOnceAKeyIsStored()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("keyless", ["m"])], [], SeedMode.AddMissing, Ct);
        Assert.False(await Store.Configuration.HasSealedSecretsAsync(Ct));

        await Store.Configuration.SeedAsync([TestData.Platform("keyed", ["m"], "k")], [], SeedMode.AddMissing, Ct);

        Assert.True(await Store.Configuration.HasSealedSecretsAsync(Ct));
    }

    [Fact]
    public async Task AddSwitchboardStorage_ResolvesEachInterfaceToTheOneDatabasesStore()
    {
        var services = new ServiceCollection().AddSwitchboardStorage(ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var database = provider.GetRequiredService<SwitchboardDatabase>();
        var store = provider.GetRequiredService<ISwitchboardStore>();
        var usage = provider.GetRequiredService<IUsageStore>();

        Assert.Same(database.Configuration, store);
        Assert.Same(database.Usage, usage);
        Assert.Same(store, provider.GetRequiredService<ISwitchboardStore>());
        Assert.Equal(Fixture.ProviderName, store.ProviderName);
        await store.MigrateAsync(Ct);
        Assert.Equal(0, await usage.CountAsync(Ct));
    }
}
