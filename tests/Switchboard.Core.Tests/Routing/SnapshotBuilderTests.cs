using Switchboard.Abstractions.Configuration;
using static Switchboard.Core.Tests.Routing.RoutingTestData;

namespace Switchboard.Core.Tests.Routing;

public sealed class SnapshotBuilderTests
{
    [Fact]
    public void Build_SameDisplayNameOnTwoPlatforms_OneModelWithTwoSourcesAndExactAddresses()
    {
        var data = new ConfigurationData
        {
            Platforms = [Platform(1, "a"), Platform(2, "b")],
            Models = [Model(10, 1, "chat", "gpt-a"), Model(20, 2, "Chat", "gpt-b")],
            Keys = [Key(100, 1), Key(200, 2)],
        };

        var snapshot = Builder().Build(data, 1);

        var chat = snapshot.FindModel("CHAT")!;
        Assert.Equal(["a", "b"], chat.Sources.Select(s => s.Platform.Name));
        Assert.Equal("gpt-a", snapshot.FindModel("a/chat")!.Sources.Single().Model.UpstreamModel);
        Assert.Equal("gpt-b", snapshot.FindModel("b/Chat")!.Sources.Single().Model.UpstreamModel);
        Assert.Single(snapshot.ListedModels);
        Assert.Equal("plain:k100", chat.Sources[0].Targets.Single().Target.ApiKey);
    }

    [Fact]
    public void Build_DeclaredCatalog_OrdersSourcesByPriorityAndCarriesPrices()
    {
        var data = new ConfigurationData
        {
            Platforms = [Platform(1, "a"), Platform(2, "b")],
            Models = [Model(10, 1, "x"), Model(20, 2, "y")],
            Keys = [Key(100, 1), Key(200, 2)],
            Catalog =
            [
                new CatalogModelConfig
                {
                    Id = "smart",
                    UserInputPricePerMillion = 2m,
                    Tags = ["fast"],
                    Sources = [new CatalogSourceConfig("a", "x", Priority: 5), new CatalogSourceConfig("b", "y", Priority: 1), new CatalogSourceConfig("gone", "z")],
                },
            ],
        };

        var smart = Builder().Build(data, 1).FindModel("smart")!;

        Assert.Equal(["b", "a"], smart.Sources.Select(s => s.Platform.Name));
        Assert.Equal(2m, smart.UserInputPricePerMillion);
        Assert.Equal(["fast"], smart.Tags);
    }

    [Fact]
    public void Build_UserKeysDisabledKeysAndPrivatePlatforms_AreNotServerKeys()
    {
        var data = new ConfigurationData
        {
            Platforms = [Platform(1, "a"), Platform(2, "private") with { OwnerUserId = "u1" }, Platform(3, "off") with { Enabled = false }],
            Models = [Model(10, 1, "m"), Model(20, 2, "p"), Model(30, 3, "o")],
            Keys = [Key(100, 1, owner: "u1"), Key(101, 1) with { Status = ApiKeyStatus.Disabled }, Key(102, 1, priority: 1), Key(103, 1, priority: 0)],
        };

        var snapshot = Builder().Build(data, 1);

        Assert.Equal([103L, 102L], snapshot.FindModel("m")!.Sources[0].Targets.Select(t => t.Key!.Id));
        Assert.Null(snapshot.FindModel("p"));
        Assert.Null(snapshot.FindModel("o"));
    }

    [Fact]
    public void Build_KeylessKindWithoutKeys_GetsOneTargetWithoutKey_AndKeyedKindWithoutKeysGetsNone()
    {
        var data = new ConfigurationData
        {
            Platforms = [Platform(1, "local", "local"), Platform(2, "cloud")],
            Models = [Model(10, 1, "l"), Model(20, 2, "c")],
        };

        var snapshot = Builder().Build(data, 1);

        var local = snapshot.FindModel("l")!.Sources[0].Targets.Single();
        Assert.Null(local.Key);
        Assert.True(local.StateId < 0);
        Assert.Empty(snapshot.FindModel("c")!.Sources[0].Targets);
    }

    [Fact]
    public void Build_UnsealFailureAndUnknownKind_SkipOnlyThatKeyOrPlatform()
    {
        var data = new ConfigurationData
        {
            Platforms = [Platform(1, "a"), Platform(2, "weird", "no-such-kind")],
            Models = [Model(10, 1, "m"), Model(20, 2, "w")],
            Keys = [Key(100, 1), Key(101, 1)],
        };

        var snapshot = Builder((value, _, _) => value == "k100" ? null : "ok").Build(data, 1);

        Assert.Equal([101L], snapshot.FindModel("m")!.Sources[0].Targets.Select(t => t.Key!.Id));
        Assert.Null(snapshot.FindModel("w"));
    }

    [Fact]
    public void Build_VirtualKeys_OnlyActiveOnesAreIndexed()
    {
        var now = DateTimeOffset.UtcNow;
        var data = new ConfigurationData
        {
            VirtualKeys =
            [
                new VirtualKeyRecord { Id = 1, Hash = "h1", Masked = "m" },
                new VirtualKeyRecord { Id = 2, Hash = "h2", Masked = "m", RevokedAt = now },
                new VirtualKeyRecord { Id = 3, Hash = "h3", Masked = "m", ExpiresAt = now.AddDays(-1) },
            ],
        };

        var snapshot = Builder().Build(data, 1);

        Assert.Equal(["h1"], snapshot.VirtualKeysByHash.Keys.ToArray());
    }
}
