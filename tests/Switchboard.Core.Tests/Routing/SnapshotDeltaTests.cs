using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Tenancy;
using static Switchboard.Core.Tests.Routing.RoutingTestData;

namespace Switchboard.Core.Tests.Routing;

/// <summary>Checks that applying a delta gives the view a full build of the same stored state gives, and shares what it did not touch.</summary>
public sealed class SnapshotDeltaTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_KeysAndUsers_MatchesAFullBuild_AndSharesTheCatalogAndCaches()
    {
        var before = Data([VirtualKey(1, "h1"), VirtualKey(2, "h2")], [User("alice", "free"), User("bob", "free")]);
        var after = Data(
            [VirtualKey(1, "h1") with { RevokedAt = T0 }, VirtualKey(2, "h2") with { Limits = new LimitSettings { RequestsPerMinute = 5 } }, VirtualKey(3, "h3")],
            [User("alice", "gold"), User("bob", "free"), User("carol", "free")]);
        var builder = Builder();
        var current = builder.Build(before, 1);

        var applied = builder.Apply(current, new ConfigurationDelta
        {
            FromVersion = 10,
            ToVersion = 13,
            VirtualKeyIds = [1, 2, 3],
            VirtualKeys = after.VirtualKeys,
            UserIds = ["alice", "carol"],
            Users = new TenancyData { Users = [.. after.Tenancy.Users.Where(u => u.Id != "bob")], Slots = [Slot("carol", "main")] },
        }, 2);

        var full = builder.Build(after, 3);
        Assert.Equal(full.VirtualKeysByHash.Keys.Order(), applied.VirtualKeysByHash.Keys.Order());
        Assert.Equal(full.Tenancy.VirtualKeysById.Keys.Order(), applied.Tenancy.VirtualKeysById.Keys.Order());
        Assert.Equal(5, applied.Tenancy.VirtualKeysById[2].Limits.RequestsPerMinute);
        Assert.Equal(full.Tenancy.Users.Values.Select(u => u.Id + ":" + u.Tier).Order(), applied.Tenancy.Users.Values.Select(u => u.Id + ":" + u.Tier).Order());
        Assert.Equal("main", applied.Tenancy.FindSlot("carol", "main")?.Slot);
        Assert.Equal(13, applied.ConfigVersion);
        Assert.Equal(2, applied.Version);

        // Untouched parts are the same objects; a user change starts the per-user model views afresh, repairs carry on.
        Assert.Same(current.Models, applied.Models);
        Assert.Same(current.Tenancy.SourcesByModelId, applied.Tenancy.SourcesByModelId);
        Assert.NotSame(current.Tenancy.DerivedModels, applied.Tenancy.DerivedModels);
        Assert.Same(current.Tenancy.RepairedSlots, applied.Tenancy.RepairedSlots);

        var keyOnly = builder.Apply(applied, new ConfigurationDelta { FromVersion = 13, ToVersion = 14, VirtualKeyIds = [4], VirtualKeys = [VirtualKey(4, "h4")] }, 3);
        Assert.Same(applied.Tenancy.DerivedModels, keyOnly.Tenancy.DerivedModels);
        Assert.Same(applied.Tenancy.Users, keyOnly.Tenancy.Users);
        Assert.True(keyOnly.VirtualKeysByHash.ContainsKey("h4"));
    }

    [Fact]
    public void Apply_SettingsAndCatalog_RebuildTheirParts_AndKeepKeysAndUsers()
    {
        var builder = Builder();
        var current = builder.Build(Data([VirtualKey(1, "h1")], [User("alice", "free")]), 1);

        var moded = builder.Apply(current, new ConfigurationDelta
        {
            FromVersion = 1,
            ToVersion = 2,
            Settings = new Dictionary<string, string> { [TenancySettingNames.Mode] = TenancyModes.MultiFixed },
        }, 2);
        Assert.Equal(TenancyModes.MultiFixed, moded.Tenancy.Mode);
        Assert.Equal(TenancyModes.MultiFixed, moded.Settings[TenancySettingNames.Mode]);
        Assert.Same(current.VirtualKeysByHash, moded.VirtualKeysByHash);

        var repriced = Data([], []) with
        {
            Models = [Model(10, 1, "chat") with { InputPricePerMillion = 7m }],
            Settings = new Dictionary<string, string> { [TenancySettingNames.Mode] = TenancyModes.MultiFixed },
        };
        var priced = builder.Apply(moded, new ConfigurationDelta { FromVersion = 2, ToVersion = 3, Catalog = repriced }, 3);
        Assert.Equal(7m, priced.FindModel("chat")!.Sources.Single().Model.InputPricePerMillion);
        Assert.Equal(7m, priced.Tenancy.SourcesByModelId[10].Model.InputPricePerMillion);
        Assert.Same(moded.VirtualKeysByHash, priced.VirtualKeysByHash);
        Assert.Same(moded.Tenancy.Users, priced.Tenancy.Users);
        Assert.Equal(TenancyModes.MultiFixed, priced.Tenancy.Mode);
        Assert.Equal(3, priced.ConfigVersion);
    }

    private static ConfigurationData Data(IReadOnlyList<VirtualKeyRecord> keys, IReadOnlyList<UserRecord> users) => new()
    {
        Platforms = [Platform(1, "a")],
        Models = [Model(10, 1, "chat")],
        Keys = [Key(100, 1)],
        VirtualKeys = keys,
        Tenancy = new TenancyData { Users = users },
    };

    private static VirtualKeyRecord VirtualKey(long id, string hash) => new() { Id = id, Hash = hash, Masked = "sb-" + hash, UserId = SystemUser.Id, Role = "user", CreatedAt = T0 };

    private static UserRecord User(string id, string tier) => new() { Id = id, Tier = tier, CreatedAt = T0, UpdatedAt = T0 };

    private static UsageSlotRecord Slot(string user, string slot) => new() { UserId = user, Slot = slot, Label = slot, CatalogModel = "chat", UpdatedAt = T0 };
}
