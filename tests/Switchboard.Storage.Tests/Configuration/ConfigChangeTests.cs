using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Pricing;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Tests.Fixtures;
using Switchboard.Storage.Tests.Tenancy;

namespace Switchboard.Storage.Tests.Configuration;

/// <summary>Checks the recorded configuration changes: each recorded write yields a delta with the entity as stored, and a write that records nothing, or an unknown kind, yields null (load everything).</summary>
public abstract class ConfigChangeTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task RecordedWrites_YieldADelta_WithTheChangedEntitiesAsStored()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("deepseek", ["chat"], "k1")], [TestData.Catalog("ds-chat", "deepseek", "chat")], SeedMode.AddMissing, Ct);
        var start = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;
        var modelId = (await Store.Configuration.LoadAsync(Ct)).Models.Single().Id;

        var nothing = await Store.Configuration.LoadChangesAsync(start, Ct);
        Assert.NotNull(nothing);
        Assert.Equal(start, nothing.ToVersion);

        var keyId = await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("a"), Ct);
        var revokedId = await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("b"), Ct);
        Assert.True(await Store.Configuration.RevokeVirtualKeyAsync(revokedId, TestData.T0, Ct));
        await Store.Tenancy.UpdateVirtualKeyAsync(VirtualKey("a") with { Id = keyId, Limits = new LimitSettings { RequestsPerMinute = 3 } }, null, Ct);
        await Store.Tenancy.EnsureUserAsync(TenancyTestData.User("user_1"), [TenancyTestData.CatalogSlot("user_1", "main", "ds-chat")], Ct);
        await Store.Tenancy.UpsertUserAsync(TenancyTestData.User("user_1") with { Tier = "gold" }, Ct);
        await Store.Configuration.SetSettingAsync("mode", "multi-fixed", "admin", Ct);

        var delta = await Store.Configuration.LoadChangesAsync(start, Ct);
        Assert.NotNull(delta);
        Assert.Equal(start, delta.FromVersion);
        Assert.Equal((await Store.Configuration.LoadAsync(Ct)).ConfigVersion, delta.ToVersion);
        Assert.Equal([keyId, revokedId], delta.VirtualKeyIds.Order());
        Assert.Equal(3, delta.VirtualKeys.Single(k => k.Id == keyId).Limits.RequestsPerMinute);
        Assert.NotNull(delta.VirtualKeys.Single(k => k.Id == revokedId).RevokedAt);
        Assert.Equal(["user_1"], delta.UserIds);
        Assert.Equal("gold", Assert.Single(delta.Users.Users).Tier);
        Assert.Equal("main", Assert.Single(delta.Users.Slots).Slot);
        Assert.Equal("multi-fixed", delta.Settings!["mode"]);
        Assert.Null(delta.Catalog);

        // A price is a catalog change: the delta carries the catalog part (no virtual keys, no users), read as stored.
        var before = delta.ToVersion;
        await Store.Prices.UpdatePlatformModelPricesAsync([new PlatformModelPriceUpdate(modelId, 1.5m, 2m, null, null, null, 4096)], Ct);
        var priced = await Store.Configuration.LoadChangesAsync(before, Ct);
        Assert.NotNull(priced?.Catalog);
        Assert.Equal(1.5m, priced.Catalog.Models.Single().InputPricePerMillion);
        Assert.Empty(priced.Catalog.VirtualKeys);
        Assert.Empty(priced.VirtualKeyIds);

        // From any version in between, the delta starts there.
        var partial = await Store.Configuration.LoadChangesAsync(before, Ct);
        Assert.Equal(before, partial!.FromVersion);
    }

    [Fact]
    public async Task AWriteThatRecordsNothing_LeavesAGap_AndTheDeltaIsNull()
    {
        await Store.MigrateAsync(Ct);
        var start = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;
        await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("a"), Ct);
        var recorded = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;

        // A write with no recorded change (as by hand, by the CLI, or by a reset): the versions it moved are covered by nothing.
        await ExecuteSqlAsync("UPDATE virtual_keys SET name = 'by hand'");
        Assert.Null(await Store.Configuration.LoadChangesAsync(start, Ct));
        Assert.Null(await Store.Configuration.LoadChangesAsync(recorded, Ct));

        // After a full load at the new version, recorded changes apply again.
        var loaded = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;
        var id = await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("b"), Ct);
        Assert.Equal([id], (await Store.Configuration.LoadChangesAsync(loaded, Ct))!.VirtualKeyIds);

        // A version lower than the database's (a restored backup) is never applied on top.
        Assert.Null(await Store.Configuration.LoadChangesAsync(loaded + 1000, Ct));
    }

    [Fact]
    public async Task AKindThisBuildDoesNotKnow_MakesTheDeltaNull()
    {
        await Store.MigrateAsync(Ct);
        var start = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;
        await ExecuteSqlAsync(
            "UPDATE config_version SET version = version + 1 WHERE id = 1; " +
            "INSERT INTO config_changes (version, previous_version, kind, entity_id) SELECT version, version - 1, 'from_a_newer_build', 'x' FROM config_version");

        Assert.Null(await Store.Configuration.LoadChangesAsync(start, Ct));
    }

    [Fact]
    public async Task KeyOnlyChanges_YieldTheKeysAsAFullLoadReadsThem()
    {
        // On PostgreSQL this is the one-round-trip read creating or revoking a key waits on; it must agree with a full load.
        await Store.MigrateAsync(Ct);
        var start = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;
        var first = await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("a") with { AllowedModels = ["m1"], Limits = new LimitSettings { Budget = 2.5m, TokensPerMinute = 900 } }, Ct);
        var second = await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("b") with { Name = "second", CacheTtlSeconds = 30 }, Ct);
        Assert.True(await Store.Configuration.RevokeVirtualKeyAsync(second, TestData.T0.AddHours(1), Ct));
        await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("c"), Ct);

        var delta = await Store.Configuration.LoadChangesAsync(start, Ct);
        var loaded = await Store.Configuration.LoadAsync(Ct);
        Assert.NotNull(delta);
        Assert.Equal(loaded.ConfigVersion, delta.ToVersion);
        Assert.Equal(loaded.VirtualKeys.Select(k => k.Id).Order(), delta.VirtualKeyIds.Order());
        Assert.Equal(loaded.VirtualKeys.OrderBy(k => k.Id).Select(Describe), delta.VirtualKeys.OrderBy(k => k.Id).Select(Describe));
        Assert.Null(delta.Catalog);
        Assert.Null(delta.Settings);
        Assert.Empty(delta.UserIds);

        // From the version after the first key, the first key is not part of the delta.
        var afterFirst = (await Store.Configuration.LoadChangesAsync(start, Ct))!.ToVersion;
        await Store.Configuration.InsertVirtualKeyAsync(VirtualKey("d"), Ct);
        Assert.DoesNotContain(first, (await Store.Configuration.LoadChangesAsync(afterFirst, Ct))!.VirtualKeyIds);

        static string Describe(VirtualKeyRecord k) =>
            $"{k.Id}|{k.Hash}|{k.Name}|{k.RevokedAt:O}|{k.CreatedAt:O}|{string.Join(',', k.AllowedModels)}|{k.Limits.Budget}|{k.Limits.TokensPerMinute}|{k.CacheTtlSeconds}";
    }

    [Fact]
    public async Task AKeyChangeWithAnIdThisBuildDidNotWrite_MakesTheDeltaNull_WithoutAnError()
    {
        await Store.MigrateAsync(Ct);
        var start = (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;
        await ExecuteSqlAsync(
            "UPDATE config_version SET version = version + 1 WHERE id = 1; " +
            "INSERT INTO config_changes (version, previous_version, kind, entity_id) SELECT version, version - 1, 'virtual_key', 'not-a-number' FROM config_version");

        Assert.Null(await Store.Configuration.LoadChangesAsync(start, Ct));
    }

    [Fact]
    public async Task AKeyWhoseChangeCannotBeRecorded_IsNotStored()
    {
        // The insert and its change record are one unit (one command on PostgreSQL): a key never exists unrecorded,
        // which replicas applying changes would otherwise miss.
        await Store.MigrateAsync(Ct);
        await ExecuteSqlAsync("ALTER TABLE config_changes RENAME TO config_changes_elsewhere");

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Store.Configuration.InsertVirtualKeyAsync(VirtualKey("a"), Ct));

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM virtual_keys WHERE hash = @hash", ("@hash", VirtualKey("a").Hash)));
    }

    [Fact]
    public void Coverage_NeedsRangesThatFollowEachOther()
    {
        (long, long, string, string) Row(long version, long previous) => (version, previous, ConfigChangeKinds.VirtualKey, "1");

        Assert.True(ConfigDeltaReader.Covers([Row(11, 10), Row(13, 11), Row(13, 11), Row(14, 13)], 10, 14));
        Assert.True(ConfigDeltaReader.Covers([], 10, 10));
        Assert.False(ConfigDeltaReader.Covers([Row(11, 10), Row(14, 12)], 10, 14)); // 12 is nobody's
        Assert.False(ConfigDeltaReader.Covers([Row(11, 10)], 10, 12)); // the last version is nobody's
        Assert.False(ConfigDeltaReader.Covers([Row(12, 9)], 10, 12)); // starts before the caller's version
    }

    private static VirtualKeyRecord VirtualKey(string letter) => new()
    {
        Hash = string.Concat(Enumerable.Repeat(letter, 64)),
        Masked = "sb-" + letter,
        UserId = SystemUser.Id,
        Role = "user",
        CreatedAt = TestData.T0,
    };
}
