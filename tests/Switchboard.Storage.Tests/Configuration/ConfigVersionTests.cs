using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Pricing;
using Switchboard.Abstractions.RoutingLog;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Tests.Fixtures;
using Switchboard.Storage.Tests.Tenancy;

namespace Switchboard.Storage.Tests.Configuration;

/// <summary>Checks the configuration version: every configuration write moves it, no operational write does, and a feed on another connection sees it move.</summary>
public abstract class ConfigVersionTests(DatabaseFixture fixture) : StoreTestBase(fixture)
{
    /// <summary>The tables the routing snapshot is built from; a write to any of them must reach every replica.</summary>
    protected static readonly string[] ConfigurationTables =
    [
        "settings", "platforms", "platform_keys", "platform_models", "catalog_models", "catalog_sources",
        "virtual_keys", "users", "usage_slots", "platform_visibility",
    ];

    /// <summary>The tables written on the request path or by maintenance; a write to them must never make replicas reload.</summary>
    private static readonly string[] OperationalTables =
    [
        "schema_migrations", "config_version", "usage_records", "usage_hourly", "usage_daily", "usage_hourly_models", "usage_daily_models", "alerts", "slot_repairs", "limit_counters", "routing_log", "audit_log", "idempotency_keys", "runtime_marks", "limit_holders", "limit_holds", "stored_responses", "config_changes",
    ];

    [Fact]
    public async Task Migrate_StartsTheVersionAtOne_AndLoadReadsIt()
    {
        await Store.MigrateAsync(Ct);

        Assert.Equal(1, (await Store.Configuration.LoadAsync(Ct)).ConfigVersion);
        await using var feed = await Store.Configuration.OpenConfigVersionFeedAsync(Ct);
        Assert.Equal(1, await feed.ReadVersionAsync(Ct));
    }

    [Fact]
    public async Task EveryTable_IsEitherConfigurationWithABumpTrigger_OrListedAsOperational()
    {
        await Store.MigrateAsync(Ct);

        var tables = await NamesAsync(IsSqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
        var triggered = await NamesAsync(IsSqlite
            ? "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'config_version_%'"
            : "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'config_version_bump'");

        Assert.Equal(ConfigurationTables.Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
        var unclassified = tables.Except(ConfigurationTables).Except(OperationalTables).ToList();
        Assert.True(
            unclassified.Count == 0,
            $"Tables {string.Join(", ", unclassified)} are neither configuration nor operational. If the routing snapshot reads one, add " +
            "config_version triggers for it in its migration (see M0009ConfigVersion) and list it in ConfigurationTables; otherwise list it in OperationalTables.");
    }

    [Fact]
    public async Task ConfigurationWrites_EachMoveTheVersion()
    {
        await Store.MigrateAsync(Ct);
        var version = await VersionAsync();

        async Task Moves(string what, Func<Task> write)
        {
            await write();
            var next = await VersionAsync();
            Assert.True(next > version, $"{what} left the configuration version at {version}");
            version = next;
        }

        await Moves("a setting", () => Store.Configuration.SetSettingAsync("mode", "multi-fixed", "admin", Ct));
        await Moves("a platforms-file seed", () => Store.Configuration.SeedAsync([TestData.Platform("deepseek", ["chat"], "k1")], [TestData.Catalog("ds-chat", "deepseek", "chat")], SeedMode.AddMissing, Ct));
        var platformId = (await Store.Configuration.LoadAsync(Ct)).Platforms.Single().Id;
        var modelId = (await Store.Configuration.LoadAsync(Ct)).Models.Single().Id;
        var keyId = 0L;
        await Moves("a virtual key", async () => keyId = await Store.Configuration.InsertVirtualKeyAsync(VirtualKey(), Ct));
        await Moves("a virtual key's limits", () => Store.Tenancy.UpdateVirtualKeyAsync(VirtualKey() with { Id = keyId, Limits = new LimitSettings { RequestsPerMinute = 1 } }, null, Ct));
        await Moves("a revocation", () => Store.Configuration.RevokeVirtualKeyAsync(keyId, TestData.T0, Ct));
        await Moves("a user", () => Store.Tenancy.UpsertUserAsync(TenancyTestData.User("user_1"), Ct));
        await Moves("a slot", () => Store.Tenancy.SetSlotAsync(TenancyTestData.CatalogSlot("user_1", "fast", "ds-chat"), Ct));
        await Moves("a hide flag", () => Store.Tenancy.SetPlatformHiddenAsync("user_1", platformId, true, Ct));
        await Moves("a server key", () => Store.Tenancy.InsertSystemKeyAsync(TestData.Key("k2") with { PlatformId = platformId }, Ct));
        await Moves("a user's own key", () => Store.Tenancy.SetUserPlatformKeyAsync(platformId, "user_1", "ENC:v1:own", "sk-o…own", Ct));
        var serverKeyId = (await Store.Configuration.LoadAsync(Ct)).Keys[0].Id;
        await Moves("a key quota", () => Store.KeyQuotas.SetKeyQuotaAsync(serverKeyId, new KeyQuotaConfig { Tokens = 1000, Period = BudgetPeriod.Day }, Ct));
        await Moves("a provider price", () => Store.Prices.UpdatePlatformModelPricesAsync([new PlatformModelPriceUpdate(modelId, 1m, 2m, null, null, null, 4096)], Ct));
        await Moves("a catalog change", () => Store.Catalog.SaveCatalogModelsAsync([TestData.Catalog("ds-chat", "deepseek", "chat") with { Featured = true }], Ct));
        await Moves("a private platform", () => Store.Tenancy.InsertPlatformAsync(TenancyTestData.PrivatePlatform("user_1", "mine"), Ct));
        await Moves("a slot repair", () => Store.Tenancy.RepairSlotAsync(
            TenancyTestData.CatalogSlot("user_1", "fast", "other"),
            new SlotRepairRecord { UserId = "user_1", Slot = "fast", FromModel = "ds-chat", ToModel = "other", Reason = "model_removed", RepairedAt = TestData.T0 },
            Ct));
        await Moves("a platforms-file reset", () => Store.Configuration.SeedAsync([TestData.Platform("deepseek", ["chat", "reasoner"], "k1")], [], SeedMode.Reset, Ct));
        await Moves("a user's deletion", () => Store.Tenancy.DeleteUserAsync("user_1", Ct));
    }

    [Fact]
    public async Task OperationalWrites_LeaveTheVersion()
    {
        await Store.MigrateAsync(Ct);
        await Store.Configuration.SeedAsync([TestData.Platform("deepseek", ["chat"], "k1")], [], SeedMode.AddMissing, Ct);
        var version = await VersionAsync();

        await Store.Usage.InsertAsync(TestData.UsageBatch("u", 20, TestData.T0), Ct);
        await Store.Usage.RollUpAndPurgeAsync(TestData.T0.AddDays(1), Ct);
        var charge = new LimitCharge { Scope = "key:1", BudgetWindowStart = TestData.T0, BudgetNanos = 10_000, ReserveNanos = 100 };
        Assert.True((await Store.Limits.TryAdmitAsync([charge], Ct)).Accepted);
        await Store.Limits.SettleAsync([new LimitSettlement { Scope = "key:1", BudgetWindowStart = TestData.T0, ReservedNanos = 100, SpentNanos = 50 }], Ct);
        await Store.Limits.PurgeMinuteCountersAsync(TestData.T0.AddDays(1), Ct);
        await Store.KeyQuotas.AddKeyUsageAsync([new KeyUsage(1, TestData.T0, 50, 500)], Ct);
        await Store.RoutingLog.InsertRoutingLogAsync([RoutingLogEntry("r1")], Ct);
        await Store.RoutingLog.PurgeRoutingLogAsync(TestData.T0.AddDays(30), Ct);
        var alert = await Store.Usage.InsertAlertAsync(new AlertRecord { Kind = "quota_threshold", Subject = "a", Message = "m", Value = 9, Threshold = 8, DedupKey = "q:a", CreatedAt = TestData.T0 }, Ct);
        await Store.Usage.MarkAlertDeliveredAsync(alert, TestData.T0, Ct);

        Assert.Equal(version, await VersionAsync());
    }

    [Fact]
    public async Task Feed_OnAnotherConnection_SeesAChangeMadeThroughAnotherStore()
    {
        await Store.MigrateAsync(Ct);
        await using var feed = await Store.Configuration.OpenConfigVersionFeedAsync(Ct);
        var before = await feed.ReadVersionAsync(Ct);

        await using (var other = SwitchboardStorage.Create(ConnectionString))
        {
            await other.Configuration.SetSettingAsync("mode", "multi-custom", "replica-b", Ct);
        }

        var seen = await WaitForChangeAsync(feed, before);
        Assert.Equal(await VersionAsync(), seen);
    }

    /// <summary>Waits on the feed until it reports a version other than <paramref name="known"/>.</summary>
    protected async Task<long> WaitForChangeAsync(Abstractions.Storage.IConfigVersionFeed feed, long known)
    {
        while (true)
        {
            if (await feed.WaitAsync(TimeSpan.FromMilliseconds(200), Ct) is { } seen && seen != known)
            {
                return seen;
            }
        }
    }

    protected async Task<long> VersionAsync() => (await Store.Configuration.LoadAsync(Ct)).ConfigVersion;

    protected static VirtualKeyRecord VirtualKey() => new()
    {
        Hash = new string('c', 64),
        Masked = "sb-cccc…cccc",
        UserId = SystemUser.Id,
        Role = "user",
        CreatedAt = TestData.T0,
    };

    private async Task<List<string>> NamesAsync(string sql)
    {
        await using var session = await Store.Dialect.BeginAsync(readOnly: true, Ct);
        return await session.QueryAsync(sql, r => r.GetString(0), Ct);
    }

    private static RoutingLogRecord RoutingLogEntry(string requestId) => new()
    {
        RequestId = requestId,
        Timestamp = TestData.T0,
        Endpoint = "chat",
        Model = "chat",
        Strategy = "priority",
        Candidates = ["deepseek/chat"],
        SourceCount = 1,
        Reason = "priority ranked 1 of 1 sources",
        Attempts = [new RoutingLogAttempt("deepseek/chat", 1, "success", null, 5)],
        Status = "success",
        HttpStatus = 200,
        LatencyMs = 5,
    };
}
