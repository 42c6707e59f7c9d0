using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Storage.Migrations;
using Switchboard.Storage.Tests.Fixtures;
using static Switchboard.Storage.Tests.Tenancy.TenancyTestData;

namespace Switchboard.Storage.Tests.Tenancy;

public abstract class TenancyStoreTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Migrate_FromVersion4_AddsTenancyTablesColumnsAndIndexes()
    {
        await Store.Migrations.MigrateAsync(4, Ct);
        await ExecuteSqlAsync(
            "INSERT INTO virtual_keys (hash, masked, user_id, role, created_at) VALUES (@hash, 'sb-…', 'user_1', 'user', @created_at)",
            ("@hash", new string('d', 64)),
            ("@created_at", Store.Dialect.Time(TestData.T0)));

        await Store.MigrateAsync(Ct);

        Assert.Equal(MigrationCatalog.LatestVersion, await Store.GetSchemaVersionAsync(Ct));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM schema_migrations WHERE version = 5 AND name = 'tenancy'"));
        foreach (var table in new[] { "users", "usage_slots", "slot_repairs", "platform_visibility", "limit_counters" })
        {
            Assert.Equal(0, await ScalarAsync($"SELECT COUNT(*) FROM {table}"));
        }

        Assert.Equal(1, await IndexCountAsync("ux_platform_keys_user_own"));
        Assert.Equal(1, await IndexCountAsync("ix_slot_repairs_user_repaired_at"));
        Assert.Equal(1, await IndexCountAsync("ix_limit_counters_kind_start"));
        var data = await Store.Configuration.LoadAsync(Ct);
        Assert.Empty(data.Tenancy.Users);
        Assert.Empty(data.Tenancy.Slots);
        Assert.Empty(data.Tenancy.Visibility);
        var existing = Assert.Single(data.VirtualKeys);
        Assert.Empty(existing.AllowedModels);
        Assert.Equal(LimitSettings.None, existing.Limits);
    }

    [Fact]
    public async Task UpsertUser_CreatesThenReplaces_KeepingCreationTime()
    {
        await Store.MigrateAsync(Ct);
        var user = User("user_1");

        Assert.Null(await Store.Tenancy.GetUserAsync("user_1", Ct));
        Assert.True(await Store.Tenancy.UpsertUserAsync(user, Ct));
        Assert.Equal(user, await Store.Tenancy.GetUserAsync("user_1", Ct));

        var changed = user with
        {
            Role = "admin",
            Tier = "pro",
            Status = UserStatus.Disabled,
            DisplayName = null,
            Limits = new LimitSettings { Budget = 0.000000001m, BudgetPeriod = BudgetPeriod.Total },
            CreatedAt = TestData.T0.AddDays(5),
            UpdatedAt = TestData.T0.AddHours(1),
        };
        Assert.False(await Store.Tenancy.UpsertUserAsync(changed, Ct));

        Assert.Equal(changed with { CreatedAt = TestData.T0 }, await Store.Tenancy.GetUserAsync("user_1", Ct));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM users"));
        Assert.True(await Store.Tenancy.UpsertUserAsync(new UserRecord { Id = "user_2" }, Ct));
        var unlimited = await Store.Tenancy.GetUserAsync("user_2", Ct);
        Assert.NotNull(unlimited);
        Assert.Same(LimitSettings.None, unlimited.Limits);
        Assert.NotEqual(default, unlimited.CreatedAt);
        Assert.Equal(unlimited.CreatedAt, unlimited.UpdatedAt);
    }

    [Fact]
    public async Task EnsureUser_Twice_CreatesOnceAndNeverRewritesSlots()
    {
        await Store.MigrateAsync(Ct);
        var user = User("user_1");

        Assert.True(await Store.Tenancy.EnsureUserAsync(user, DefaultSlots("user_1"), Ct));
        Assert.True(await Store.Tenancy.DeleteSlotAsync("user_1", "reason", Ct));
        Assert.False(await Store.Tenancy.EnsureUserAsync(user with { Tier = "pro" }, [.. DefaultSlots("user_1"), CatalogSlot("user_1", "extra", "x", 3)], Ct));

        Assert.Equal("free", (await Store.Tenancy.GetUserAsync("user_1", Ct))!.Tier);
        var tenancy = await Store.Tenancy.LoadTenancyAsync(Ct);
        Assert.Equal(user, Assert.Single(tenancy.Users));
        Assert.Equal(["main", "fast"], tenancy.Slots.Select(s => s.Slot));
        Assert.Equal(DefaultSlots("user_1")[..2], tenancy.Slots);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Tenancy.EnsureUserAsync(User("user_2"), DefaultSlots("user_1"), Ct));
    }

    [Fact]
    public async Task EnsureUser_FromEightReplicasAtOnce_CreatesExactlyOneUser()
    {
        await Store.MigrateAsync(Ct);
        var replicas = Enumerable.Range(0, 8).Select(_ => SwitchboardStorage.Create(ConnectionString)).ToList();
        bool[] results;
        try
        {
            using var start = new ManualResetEventSlim();
            var tasks = replicas
                .Select(replica => Task.Run(async () =>
                {
                    start.Wait(Ct);
                    return await replica.Tenancy.EnsureUserAsync(User("racer"), DefaultSlots("racer"), Ct);
                }))
                .ToList();
            start.Set();
            results = await Task.WhenAll(tasks);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }

        Assert.Single(results, created => created);
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM users WHERE id = 'racer'"));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM usage_slots WHERE user_id = 'racer'"));
    }

    [Fact]
    public async Task Slots_SetReplaceDeleteAndRepair_RecordRepairsNewestFirst()
    {
        await Store.MigrateAsync(Ct);
        await Store.Tenancy.EnsureUserAsync(User("user_1"), [], Ct);
        var modelId = await SeedSystemModelAsync("chat");

        await Store.Tenancy.SetSlotAsync(CatalogSlot("user_1", "main", "ds-chat"), Ct);
        await Store.Tenancy.SetSlotAsync(CatalogSlot("user_1", "fast", "qwen-flash", 1), Ct);
        var replaced = ModelSlot("user_1", "main", modelId, 5) with { Label = "Main (own)", UpdatedAt = TestData.T0.AddMinutes(1) };
        await Store.Tenancy.SetSlotAsync(replaced, Ct);
        await Store.Tenancy.SetSlotAsync(CatalogSlot("user_2", "main", "other"), Ct);

        var slots = (await Store.Tenancy.LoadTenancyAsync(Ct)).Slots;
        Assert.Equal([CatalogSlot("user_1", "fast", "qwen-flash", 1), replaced, CatalogSlot("user_2", "main", "other")], slots);
        Assert.True(await Store.Tenancy.DeleteSlotAsync("user_2", "main", Ct));
        Assert.False(await Store.Tenancy.DeleteSlotAsync("user_2", "main", Ct));
        Assert.False(await Store.Tenancy.DeleteSlotAsync("user_1", "reason", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Tenancy.SetSlotAsync(replaced with { CatalogModel = "both" }, Ct));

        for (var i = 1; i <= 3; i++)
        {
            await Store.Tenancy.RepairSlotAsync(
                CatalogSlot("user_1", "fast", $"model-{i}", 1) with { UpdatedAt = default },
                new SlotRepairRecord { UserId = "user_1", Slot = "fast", FromModel = $"model-{i - 1}", ToModel = $"model-{i}", Reason = "model_removed", RepairedAt = TestData.T0.AddHours(i) },
                Ct);
        }

        await Store.Tenancy.RepairSlotAsync(
            CatalogSlot("user_9", "main", "b"),
            new SlotRepairRecord { UserId = "user_9", Slot = "main", FromModel = "a", ToModel = "b", Reason = "not_allowed", RepairedAt = TestData.T0.AddDays(1) },
            Ct);

        var repairs = await Store.Tenancy.ListSlotRepairsAsync("user_1", 2, Ct);
        Assert.Equal(["model-3", "model-2"], repairs.Select(r => r.ToModel));
        Assert.Equal(TestData.T0.AddHours(3), repairs[0].RepairedAt);
        Assert.Equal(("user_1", "fast", "model-2", "model_removed"), (repairs[0].UserId, repairs[0].Slot, repairs[0].FromModel, repairs[0].Reason));
        Assert.True(repairs[0].Id > repairs[1].Id);
        Assert.Equal(3, (await Store.Tenancy.ListSlotRepairsAsync("user_1", 10, Ct)).Count);
        var fast = (await Store.Tenancy.LoadTenancyAsync(Ct)).Slots.Single(s => s is { UserId: "user_1", Slot: "fast" });
        Assert.Equal(("model-3", TestData.T0.AddHours(3)), (fast.CatalogModel, fast.UpdatedAt));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Tenancy.RepairSlotAsync(
            CatalogSlot("user_1", "fast", "x"),
            new SlotRepairRecord { UserId = "user_1", Slot = "main", FromModel = "a", ToModel = "x", Reason = "r" },
            Ct));
    }

    [Fact]
    public async Task DeletingPlatformModelOrPlatform_KeepsSlotsWithNoModel()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("shared", ["chat", "reasoner"])], [], SeedMode.AddMissing, Ct);
        var models = (await Store.Configuration.LoadAsync(Ct)).Models;
        var chat = models.Single(m => m.DisplayName == "chat");
        var reasoner = models.Single(m => m.DisplayName == "reasoner");
        await Store.Tenancy.SetSlotAsync(ModelSlot("user_1", "main", chat.Id), Ct);
        await Store.Tenancy.SetSlotAsync(ModelSlot("user_1", "reason", reasoner.Id, 1), Ct);
        await Store.Tenancy.SetSlotAsync(CatalogSlot("user_1", "fast", "qwen-flash", 2), Ct);

        Assert.True(await Store.Tenancy.DeletePlatformModelAsync(chat.Id, SystemUser.Id, Ct));

        var slots = (await Store.Tenancy.LoadTenancyAsync(Ct)).Slots;
        Assert.Equal(3, slots.Count);
        var orphan = slots.Single(s => s.Slot == "main");
        Assert.Null(orphan.CatalogModel);
        Assert.Null(orphan.PlatformModelId);
        Assert.Equal(reasoner.Id, slots.Single(s => s.Slot == "reason").PlatformModelId);

        Assert.True(await Store.Tenancy.DeletePlatformAsync(chat.PlatformId, SystemUser.Id, Ct));

        slots = (await Store.Tenancy.LoadTenancyAsync(Ct)).Slots;
        Assert.Equal(3, slots.Count);
        Assert.All(slots.Where(s => s.Slot != "fast"), s => Assert.Equal((null, null), (s.CatalogModel, s.PlatformModelId)));
        Assert.Equal("qwen-flash", slots.Single(s => s.Slot == "fast").CatalogModel);
    }

    [Fact]
    public async Task PlatformHidden_IsOneRowPerUserAndPlatform_AndGoesWithThePlatform()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("a", ["m"]), TestData.Platform("b", ["m"])], [], SeedMode.AddMissing, Ct);
        var ids = (await Store.Configuration.LoadAsync(Ct)).Platforms.ToDictionary(p => p.Name, p => p.Id);

        await Store.Tenancy.SetPlatformHiddenAsync("user_1", ids["a"], hidden: true, Ct);
        await Store.Tenancy.SetPlatformHiddenAsync("user_1", ids["b"], hidden: true, Ct);
        await Store.Tenancy.SetPlatformHiddenAsync("user_1", ids["b"], hidden: false, Ct);
        await Store.Tenancy.SetPlatformHiddenAsync("user_2", ids["a"], hidden: true, Ct);

        Assert.Equal(
            [new PlatformVisibilityRecord("user_1", ids["a"], true), new PlatformVisibilityRecord("user_1", ids["b"], false), new PlatformVisibilityRecord("user_2", ids["a"], true)],
            (await Store.Tenancy.LoadTenancyAsync(Ct)).Visibility);

        Assert.True(await Store.Tenancy.DeletePlatformAsync(ids["a"], SystemUser.Id, Ct));

        Assert.Equal([new PlatformVisibilityRecord("user_1", ids["b"], false)], (await Store.Configuration.LoadAsync(Ct)).Tenancy.Visibility);
    }

    [Fact]
    public async Task LoadAsync_ReturnsTenancyAndVirtualKeyAllowlistAndLimits()
    {
        await Store.MigrateAsync(Ct);
        await Store.Tenancy.EnsureUserAsync(User("user_1"), DefaultSlots("user_1"), Ct);
        var limits = new LimitSettings { Budget = 5.5m, BudgetPeriod = BudgetPeriod.Day, RequestsPerMinute = 10, TokensPerMinute = 20_000, MaxParallel = 2 };
        var key = new VirtualKeyRecord
        {
            Hash = new string('e', 64),
            Masked = "sb-e…eeee",
            Name = "agent",
            UserId = "user_1",
            CreatedAt = TestData.T0,
            AllowedModels = ["ds-chat", "mine/gpt-4o"],
            Limits = limits,
        };
        var id = await Store.Configuration.InsertVirtualKeyAsync(key, Ct);

        var data = await Store.Configuration.LoadAsync(Ct);

        Assert.Equal(User("user_1"), Assert.Single(data.Tenancy.Users));
        Assert.Equal(DefaultSlots("user_1"), data.Tenancy.Slots);
        var loaded = Assert.Single(data.VirtualKeys);
        Assert.Equal(["ds-chat", "mine/gpt-4o"], loaded.AllowedModels);
        Assert.Equal(key with { Id = id, AllowedModels = loaded.AllowedModels }, loaded);
        Assert.Equal(limits, loaded.Limits);
    }

    [Fact]
    public async Task UpdateVirtualKey_ChangesSettingsOnlyForItsOwner()
    {
        await Store.MigrateAsync(Ct);
        var key = new VirtualKeyRecord { Hash = new string('f', 64), Masked = "sb-f…ffff", Name = "old", UserId = "user_1", CreatedAt = TestData.T0 };
        var id = await Store.Configuration.InsertVirtualKeyAsync(key, Ct);
        var update = key with
        {
            Id = id,
            Name = "new",
            ExpiresAt = TestData.T0.AddDays(7),
            AllowedModels = ["ds-chat"],
            Limits = new LimitSettings { RequestsPerMinute = 5 },
            UserId = "someone_else",
            Hash = new string('0', 64),
        };

        Assert.False(await Store.Tenancy.UpdateVirtualKeyAsync(update, "user_2", Ct));
        Assert.Equal(key with { Id = id }, Assert.Single((await Store.Configuration.LoadAsync(Ct)).VirtualKeys));
        Assert.False(await Store.Tenancy.UpdateVirtualKeyAsync(update with { Id = id + 100 }, null, Ct));

        Assert.True(await Store.Tenancy.UpdateVirtualKeyAsync(update, "user_1", Ct));

        var loaded = Assert.Single((await Store.Configuration.LoadAsync(Ct)).VirtualKeys);
        Assert.Equal(("new", TestData.T0.AddDays(7), "user_1", key.Hash), (loaded.Name, loaded.ExpiresAt, loaded.UserId, loaded.Hash));
        Assert.Equal(["ds-chat"], loaded.AllowedModels);
        Assert.Equal(new LimitSettings { RequestsPerMinute = 5 }, loaded.Limits);

        Assert.True(await Store.Tenancy.UpdateVirtualKeyAsync(update with { AllowedModels = [], Limits = LimitSettings.None, ExpiresAt = null }, null, Ct));
        loaded = Assert.Single((await Store.Configuration.LoadAsync(Ct)).VirtualKeys);
        Assert.Equal(key with { Id = id, Name = "new" }, loaded);
    }

    [Fact]
    public async Task DeleteUser_RemovesEverythingTheUserOwnsAndNothingElse()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("shared", ["chat"], "server-key")], [], SeedMode.AddMissing, Ct);
        var shared = Assert.Single((await Store.Configuration.LoadAsync(Ct)).Platforms);
        foreach (var userId in new[] { "doomed", "survivor" })
        {
            await Store.Tenancy.EnsureUserAsync(User(userId), DefaultSlots(userId), Ct);
            await Store.Tenancy.RepairSlotAsync(
                CatalogSlot(userId, "main", "x"),
                new SlotRepairRecord { UserId = userId, Slot = "main", FromModel = "ds-chat", ToModel = "x", Reason = "model_removed" },
                Ct);
            await Store.Tenancy.SetPlatformHiddenAsync(userId, shared.Id, hidden: true, Ct);
            await Store.Tenancy.SetUserPlatformKeyAsync(shared.Id, userId, "ENC:v1:" + userId, "sk-…" + userId, Ct);
            var privateId = await Store.Tenancy.InsertPlatformAsync(PrivatePlatform(userId, "mine"), Ct);
            await Store.Tenancy.InsertPlatformModelAsync(Model(privateId, "gpt"), userId, Ct);
            await Store.Tenancy.SetUserPlatformKeyAsync(privateId, userId, "ENC:v1:own", "sk-…own", Ct);
            await Store.Configuration.InsertVirtualKeyAsync(new VirtualKeyRecord { Hash = userId.PadRight(64, '0'), Masked = "sb-…", UserId = userId }, Ct);
        }

        var before = await Store.Configuration.LoadAsync(Ct);

        Assert.True(await Store.Tenancy.DeleteUserAsync("doomed", Ct));

        var after = await Store.Configuration.LoadAsync(Ct);
        Assert.Null(await Store.Tenancy.GetUserAsync("doomed", Ct));
        Assert.Empty(await Store.Tenancy.ListSlotRepairsAsync("doomed", 10, Ct));
        Assert.DoesNotContain(after.Tenancy.Slots, s => s.UserId == "doomed");
        Assert.DoesNotContain(after.Tenancy.Visibility, v => v.UserId == "doomed");
        Assert.DoesNotContain(after.Keys, k => k.OwnerUserId == "doomed");
        Assert.DoesNotContain(after.Platforms, p => p.OwnerUserId == "doomed");
        Assert.DoesNotContain(after.VirtualKeys, k => k.UserId == "doomed");
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM platform_models WHERE platform_id NOT IN (SELECT id FROM platforms)"));
        Assert.Equal(before.Tenancy.Users.Where(u => u.Id != "doomed"), after.Tenancy.Users);
        Assert.Equal(before.Tenancy.Slots.Where(s => s.UserId != "doomed"), after.Tenancy.Slots);
        Assert.Equal(before.Tenancy.Visibility.Where(v => v.UserId != "doomed"), after.Tenancy.Visibility);
        Assert.Equal(before.Keys.Where(k => k.OwnerUserId != "doomed"), after.Keys);
        Assert.Equal(["shared", "mine"], after.Platforms.Select(p => p.Name));
        Assert.Equal(2, after.Models.Count);
        Assert.Equal("survivor", Assert.Single(after.VirtualKeys).UserId);
        Assert.Single(await Store.Tenancy.ListSlotRepairsAsync("survivor", 10, Ct));

        Assert.False(await Store.Tenancy.DeleteUserAsync("doomed", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Tenancy.DeleteUserAsync(SystemUser.Id, Ct));
    }

    [Fact]
    public async Task AddSwitchboardStorage_ResolvesTenancyAndLimitStoresToTheDatabasesStores()
    {
        var services = new ServiceCollection().AddSwitchboardStorage(ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var database = provider.GetRequiredService<SwitchboardDatabase>();

        Assert.Same(database.Tenancy, provider.GetRequiredService<ITenancyStore>());
        Assert.Same(database.Limits, provider.GetRequiredService<ILimitStore>());
        Assert.Same(database.Configuration, provider.GetRequiredService<ISwitchboardStore>());
    }

    private async Task<long> SeedSystemModelAsync(string name)
    {
        await Store.Configuration.SeedAsync([TestData.Platform("system", [name])], [], SeedMode.AddMissing, Ct);
        return (await Store.Configuration.LoadAsync(Ct)).Models.Single(m => m.DisplayName == name).Id;
    }
}
