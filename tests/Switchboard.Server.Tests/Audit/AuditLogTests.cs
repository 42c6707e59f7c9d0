using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Audit;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Tests.Tenancy;

namespace Switchboard.Server.Tests.Audit;

/// <summary>Every admin change, and every change users make to their own tenancy, leaves exactly one audit entry with no secret in it.</summary>
public sealed class AuditLogTests
{
    private const string SysKey = "sk-audit-system-key-first-0001";
    private const string SysKey2 = "sk-audit-system-key-second-0002";
    private const string SysKey3 = "sk-audit-system-key-third-0003";
    private const string AliceKey = "sk-audit-alice-own-key-0004";
    private const string AlicePrivateKey = "sk-audit-alice-private-key-0005";

    [Fact]
    public async Task EveryAdminChange_WritesOneEntry_WithActorActionTargetAndMaskedBeforeAfter()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-custom");
        using var admin = fixture.AdminClient();
        var trail = new AuditTrail(fixture.Host);
        await trail.NewAsync();

        // Virtual keys: the full key is returned once and never recorded.
        var created = (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "k1", user_id = "bob" })).AssertStatus(HttpStatusCode.Created).Json;
        var keyId = created.GetProperty("id").GetInt64();
        var fullKey = created.GetProperty("key").GetString()!;
        var entry = await trail.OneAsync("admin", AuditActions.VirtualKeyCreate, AuditTargets.VirtualKey, keyId);
        Assert.Null(entry.Before);
        Assert.Equal(created.GetProperty("masked").GetString(), AuditTrail.Json(entry.After).GetProperty("masked").GetString());
        (await admin.SendJsonAsync(HttpMethod.Put, $"api/admin/keys/{keyId}", new { name = "k1b", rpm = 10 })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.VirtualKeyUpdate, AuditTargets.VirtualKey, keyId);
        Assert.Equal(("k1", "k1b", 10), (AuditTrail.Json(entry.Before).GetProperty("name").GetString(), AuditTrail.Json(entry.After).GetProperty("name").GetString(), AuditTrail.Json(entry.After).GetProperty("rpm").GetInt32()));
        (await admin.SendJsonAsync(HttpMethod.Delete, $"api/admin/keys/{keyId}")).AssertStatus(HttpStatusCode.NoContent);
        entry = await trail.OneAsync("admin", AuditActions.VirtualKeyRevoke, AuditTargets.VirtualKey, keyId);
        Assert.Equal(JsonValueKind.Null, AuditTrail.Json(entry.Before).GetProperty("revoked_at").ValueKind);
        Assert.Equal(JsonValueKind.String, AuditTrail.Json(entry.After).GetProperty("revoked_at").ValueKind);

        // System platforms, their keys and models.
        var platformId = (await admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new
        {
            name = "gamma",
            kind = "openai",
            base_url = $"{fixture.UpstreamA.BaseUrl}v1",
            api_key = SysKey,
            models = new Dictionary<string, string> { ["g"] = "g-up" },
        })).AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        entry = await trail.OneAsync("admin", AuditActions.PlatformCreate, AuditTargets.Platform, platformId);
        Assert.Equal(JsonValueKind.Null, entry.Before is null ? JsonValueKind.Null : JsonValueKind.Object);
        Assert.EndsWith("0001", AuditTrail.Json(entry.After).GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, AuditTrail.Json(entry.After).GetProperty("platform").GetProperty("models").GetArrayLength());
        var poolKeyId = (await admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform/api-key", new { platform_name = "gamma", api_key = SysKey2, label = "second" }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        entry = await trail.OneAsync("admin", AuditActions.PlatformKeyCreate, AuditTargets.PlatformKey, poolKeyId);
        Assert.Equal("second", AuditTrail.Json(entry.After).GetProperty("label").GetString());
        (await admin.SendJsonAsync(HttpMethod.Put, $"api/admin/platform-keys/{poolKeyId}/quota", new { tokens = 1000, period = "day" })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.PlatformKeyQuotaSet, AuditTargets.PlatformKey, poolKeyId);
        Assert.Equal(JsonValueKind.Null, AuditTrail.Json(entry.Before).GetProperty("quota").ValueKind);
        Assert.Equal(1000, AuditTrail.Json(entry.After).GetProperty("quota").GetProperty("tokens").GetInt64());
        (await admin.SendJsonAsync(HttpMethod.Delete, $"api/admin/platform-keys/{poolKeyId}/quota")).AssertStatus(HttpStatusCode.OK);
        await trail.OneAsync("admin", AuditActions.PlatformKeyQuotaRemove, AuditTargets.PlatformKey, poolKeyId);
        (await admin.SendJsonAsync(HttpMethod.Post, $"api/admin/platform-keys/{poolKeyId}/revalidate")).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.PlatformKeyRevalidate, AuditTargets.PlatformKey, poolKeyId);
        Assert.Equal("active", AuditTrail.Json(entry.After).GetProperty("status").GetString());
        (await admin.SendJsonAsync(HttpMethod.Put, "api/ai/admin/sys-platform", new { id = platformId, base_url = $"{fixture.UpstreamB.BaseUrl}v1", api_key = SysKey3 }))
            .AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.PlatformUpdate, AuditTargets.Platform, platformId);
        Assert.Equal(2, AuditTrail.Json(entry.Before).GetProperty("keys").GetArrayLength());
        var after = AuditTrail.Json(entry.After);
        Assert.True(after.GetProperty("host_changed").GetBoolean());
        Assert.Equal($"{fixture.UpstreamB.BaseUrl}v1", after.GetProperty("platform").GetProperty("base_url").GetString());
        Assert.EndsWith("0003", Assert.Single(after.GetProperty("platform").GetProperty("keys").EnumerateArray()).GetProperty("masked").GetString(), StringComparison.Ordinal);

        var modelId = (await admin.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{platformId}/models", new { model_name = "g2" })).AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        await trail.OneAsync("admin", AuditActions.PlatformModelCreate, AuditTargets.PlatformModel, modelId);
        (await admin.SendJsonAsync(HttpMethod.Put, $"api/ai/model/{modelId}", new { display_name = "g2b" })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.PlatformModelUpdate, AuditTargets.PlatformModel, modelId);
        Assert.Equal(("g2", "g2b"), (AuditTrail.Json(entry.Before).GetProperty("display_name").GetString(), AuditTrail.Json(entry.After).GetProperty("display_name").GetString()));
        (await admin.SendJsonAsync(HttpMethod.Delete, $"api/ai/model/{modelId}")).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.PlatformModelDelete, AuditTargets.PlatformModel, modelId);
        Assert.Null(entry.After);

        // Catalog: one entry per model of a batch, sharing the request id; then a sync.
        (await admin.SendJsonAsync(HttpMethod.Patch, "api/admin/catalog", new { ids = new[] { "model-a", "model-b" }, featured = true })).AssertStatus(HttpStatusCode.OK);
        var batch = await trail.NewAsync();
        Assert.Equal(["model-a", "model-b"], batch.Select(e => e.Target).Order(StringComparer.Ordinal));
        Assert.All(batch, e => Assert.Equal((AuditActions.CatalogModelUpdate, "admin"), (e.Action, e.Actor)));
        Assert.Single(batch.Select(e => e.RequestId).Distinct());
        Assert.All(batch, e => Assert.Equal((false, true), (AuditTrail.Json(e.Before).GetProperty("featured").GetBoolean(), AuditTrail.Json(e.After).GetProperty("featured").GetBoolean())));
        (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/catalog/sync/apply", new { all = true, platforms = new[] { "alpha" } })).AssertStatus(HttpStatusCode.OK);
        await trail.OneAsync("admin", AuditActions.CatalogSyncApply, AuditTargets.Catalog, "sync");

        // Tiers, users and their slots, tenancy.
        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/tiers/free", new { models = new[] { "model-*" } })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.TierSet, AuditTargets.Tier, "free");
        Assert.True(AuditTrail.Json(entry.Before).GetProperty("built_in").GetBoolean());
        Assert.Equal("model-*", AuditTrail.Json(entry.After).GetProperty("models")[0].GetString());
        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/carol", new { tier = "pro" })).AssertStatus(HttpStatusCode.Created);
        await trail.OneAsync("admin", AuditActions.UserCreate, AuditTargets.User, "carol");
        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/carol", new { tier = "free" })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.UserUpdate, AuditTargets.User, "carol");
        Assert.Equal(("pro", "free"), (AuditTrail.Json(entry.Before).GetProperty("tier").GetString(), AuditTrail.Json(entry.After).GetProperty("tier").GetString()));
        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/carol/slots/fast", new { model = "model-b" })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.SlotUpdate, AuditTargets.Slot, "carol/fast");
        Assert.Equal("model-b", AuditTrail.Json(entry.After).GetProperty("model").GetString());
        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/users/carol/slots/extra", new { model = "model-a" })).AssertStatus(HttpStatusCode.Created);
        await trail.OneAsync("admin", AuditActions.SlotCreate, AuditTargets.Slot, "carol/extra");
        (await admin.SendJsonAsync(HttpMethod.Delete, "api/admin/users/carol/slots/extra")).AssertStatus(HttpStatusCode.NoContent);
        await trail.OneAsync("admin", AuditActions.SlotDelete, AuditTargets.Slot, "carol/extra");
        (await admin.SendJsonAsync(HttpMethod.Delete, "api/admin/users/carol")).AssertStatus(HttpStatusCode.NoContent);
        entry = await trail.OneAsync("admin", AuditActions.UserDelete, AuditTargets.User, "carol");
        Assert.Null(entry.After);
        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", new { auto_key = true })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.TenancyUpdate, AuditTargets.Tenancy, "settings");
        Assert.Equal((false, true), (AuditTrail.Json(entry.Before).GetProperty("auto_key").GetBoolean(), AuditTrail.Json(entry.After).GetProperty("auto_key").GetBoolean()));

        // Prices (a dry run is not a change), reloads, the platforms-file reset, and deleting the platform.
        (await admin.SendRawAsync(HttpMethod.Post, "api/admin/prices/import?dry_run=true", "{}")).AssertStatus(HttpStatusCode.OK);
        Assert.Empty(await trail.NewAsync());
        (await admin.SendRawAsync(HttpMethod.Post, "api/admin/prices/import", "{}")).AssertStatus(HttpStatusCode.OK);
        await trail.OneAsync("admin", AuditActions.PricesImport, AuditTargets.Prices, "litellm");
        (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/reload")).AssertStatus(HttpStatusCode.OK);
        await trail.OneAsync("admin", AuditActions.ConfigReload, AuditTargets.Config, "database");
        (await admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/reload-from-yaml")).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.ConfigResetFromYaml, AuditTargets.Config, "platforms.yaml");
        Assert.True(AuditTrail.Json(entry.After).GetProperty("platforms_removed").GetInt32() >= 1);
        // The reset removed gamma (it is not in the file); a fresh one is deleted by the route.
        var deltaId = (await admin.SendJsonAsync(HttpMethod.Post, "api/ai/admin/sys-platform", new { name = "delta", kind = "openai", base_url = "https://delta.switchboard.invalid", api_key = SysKey }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        await trail.NewAsync();
        (await admin.SendJsonAsync(HttpMethod.Delete, "api/ai/admin/sys-platform?name=delta")).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("admin", AuditActions.PlatformDelete, AuditTargets.Platform, deltaId);
        Assert.EndsWith("0001", AuditTrail.Json(entry.Before).GetProperty("keys")[0].GetProperty("masked").GetString(), StringComparison.Ordinal);
        Assert.Null(entry.After);

        await AssertNoSecretAsync(fixture, trail, fullKey, SysKey, SysKey2, SysKey3, TenancyFixture.ServerKeyA, TenancyFixture.ServerKeyB);
    }

    [Fact]
    public async Task UserRoutes_RecordTheUserAsActor_ForTheirOwnTenancy()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-custom");
        var (alice, aliceKeyId) = await fixture.UserClientAsync("alice");
        var trail = new AuditTrail(fixture.Host);
        await trail.NewAsync();
        var betaId = fixture.PlatformId("beta");

        var own = (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/platform", new { name = "mine", kind = "openai", base_url = $"{fixture.UpstreamA.BaseUrl}v1", api_key = AlicePrivateKey }))
            .AssertStatus(HttpStatusCode.Created).Json.GetProperty("id").GetInt64();
        var entry = await trail.OneAsync("user:alice", AuditActions.PlatformCreate, AuditTargets.Platform, own);
        Assert.Equal(aliceKeyId, entry.VirtualKeyId);
        Assert.Equal("alice", AuditTrail.Json(entry.After).GetProperty("owner_user_id").GetString());
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{betaId}/api-key", new { api_key = AliceKey })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("user:alice", AuditActions.PlatformKeySet, AuditTargets.Platform, betaId);
        Assert.Null(entry.Before);
        Assert.EndsWith("0004", AuditTrail.Json(entry.After).GetProperty("masked").GetString(), StringComparison.Ordinal);
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{betaId}/api-key", new { api_key = "" })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("user:alice", AuditActions.PlatformKeyRemove, AuditTargets.Platform, betaId);
        Assert.EndsWith("0004", AuditTrail.Json(entry.Before).GetProperty("masked").GetString(), StringComparison.Ordinal);
        Assert.Null(entry.After);

        (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection/usage", new { usage_key = "writer", model = "model-a" })).AssertStatus(HttpStatusCode.Created);
        entry = await trail.OneAsync("user:alice", AuditActions.SlotCreate, AuditTargets.Slot, "alice/writer");
        Assert.Equal("model-a", AuditTrail.Json(entry.After).GetProperty("model").GetString());
        (await alice.SendJsonAsync(HttpMethod.Post, "api/ai/user-selection", new { usage_key = "writer", model = "model-b" })).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("user:alice", AuditActions.SlotUpdate, AuditTargets.Slot, "alice/writer");
        Assert.Equal(("model-a", "model-b"), (AuditTrail.Json(entry.Before).GetProperty("model").GetString(), AuditTrail.Json(entry.After).GetProperty("model").GetString()));
        (await alice.SendJsonAsync(HttpMethod.Delete, "api/ai/user-selection/usage?usage_key=writer")).AssertStatus(HttpStatusCode.OK);
        await trail.OneAsync("user:alice", AuditActions.SlotDelete, AuditTargets.Slot, "alice/writer");
        (await alice.SendJsonAsync(HttpMethod.Post, $"api/ai/platform/{betaId}/visibility", new { hide = true })).AssertStatus(HttpStatusCode.OK);
        await trail.OneAsync("user:alice", AuditActions.PlatformVisibility, AuditTargets.Platform, betaId);
        (await alice.SendJsonAsync(HttpMethod.Delete, $"api/ai/platform/{own}")).AssertStatus(HttpStatusCode.OK);
        entry = await trail.OneAsync("user:alice", AuditActions.PlatformDelete, AuditTargets.Platform, own);
        Assert.EndsWith("0005", AuditTrail.Json(entry.Before).GetProperty("keys")[0].GetProperty("masked").GetString(), StringComparison.Ordinal);

        // A refused change is no change: nothing is recorded.
        (await alice.SendJsonAsync(HttpMethod.Delete, $"api/ai/platform/{betaId}")).AssertError(HttpStatusCode.NotFound);
        Assert.Empty(await trail.NewAsync());
        await AssertNoSecretAsync(fixture, trail, AliceKey, AlicePrivateKey);
    }

    [Fact]
    public async Task AuditRoute_PagesAndFilters_AndIsForAdminsOnly()
    {
        await using var fixture = await TenancyFixture.StartAsync("multi-fixed");
        using var admin = fixture.AdminClient();
        var adminKey = (await admin.SendJsonAsync(HttpMethod.Post, "api/admin/keys", new { name = "ops", role = "admin" })).AssertStatus(HttpStatusCode.Created).Json;
        using var ops = fixture.Host.CreateClient(adminKey.GetProperty("key").GetString());
        for (var i = 0; i < 5; i++)
        {
            (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", new { auto_key = i % 2 == 0 })).AssertStatus(HttpStatusCode.OK);
        }

        using var tierResponse = await ops.PutAsJsonAsync("api/admin/tiers/pro", new { models = new[] { "model-b" } });
        Assert.Equal(HttpStatusCode.OK, tierResponse.StatusCode);
        var requestId = tierResponse.Headers.GetValues("X-Request-Id").Single();

        // Newest first, in pages of two that follow next_before to the end: 1 key + 5 tenancy + 1 tier.
        var seen = new List<JsonElement>();
        string? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            var body = (await admin.GetJsonAsync("api/admin/audit?limit=2" + (cursor is null ? "" : "&before=" + cursor))).AssertStatus(HttpStatusCode.OK).Json;
            seen.AddRange(body.GetProperty("data").EnumerateArray());
            if (body.GetProperty("next_before").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            cursor = body.GetProperty("next_before").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(7, seen.Count);
        Assert.Equal(seen.Select(e => e.GetProperty("id").GetInt64()).OrderDescending(), seen.Select(e => e.GetProperty("id").GetInt64()));
        var tier = seen[0];
        Assert.Equal((AuditActions.TierSet, "tier", "pro", $"key:{adminKey.GetProperty("id").GetInt64()}", requestId),
            (tier.GetProperty("action").GetString(), tier.GetProperty("target_type").GetString(), tier.GetProperty("target").GetString(), tier.GetProperty("actor").GetString(), tier.GetProperty("request_id").GetString()));
        Assert.Equal(JsonValueKind.Object, tier.GetProperty("after").ValueKind);
        Assert.Equal(AuditActions.VirtualKeyCreate, seen[^1].GetProperty("action").GetString());

        Assert.Equal(5, (await admin.GetJsonAsync("api/admin/audit?action=tenancy.update")).Json.GetProperty("data").GetArrayLength());
        Assert.Equal(6, (await admin.GetJsonAsync("api/admin/audit?actor=admin")).Json.GetProperty("data").GetArrayLength());
        Assert.Single((await admin.GetJsonAsync("api/admin/audit?target_type=tier&target=pro")).Json.GetProperty("data").EnumerateArray());
        Assert.Empty((await admin.GetJsonAsync("api/admin/audit?target_type=tier&target=free")).Json.GetProperty("data").EnumerateArray());
        var since = Uri.EscapeDataString(tier.GetProperty("time").GetDateTimeOffset().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(tier.GetProperty("id").GetInt64(), (await admin.GetJsonAsync($"api/admin/audit?since={since}")).Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Empty((await admin.GetJsonAsync($"api/admin/audit?until={Uri.EscapeDataString("2000-01-01T00:00:00Z")}")).Json.GetProperty("data").EnumerateArray());

        (await admin.GetJsonAsync("api/admin/audit?limit=0")).AssertError(HttpStatusCode.BadRequest, "invalid_value", "limit");
        (await admin.GetJsonAsync("api/admin/audit?limit=1001")).AssertError(HttpStatusCode.BadRequest, "invalid_value", "limit");
        (await admin.GetJsonAsync("api/admin/audit?since=yesterday")).AssertError(HttpStatusCode.BadRequest, "invalid_value", "since");
        (await admin.GetJsonAsync("api/admin/audit?before=-3")).AssertError(HttpStatusCode.BadRequest, "invalid_value", "before");
        var (user, _) = await fixture.UserClientAsync("alice");
        (await user.GetJsonAsync("api/admin/audit")).AssertError(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Retention_MaintenanceDeletesEntriesOlderThanTheSetting()
    {
        await using var host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?> { ["Switchboard:Audit:Retention"] = "30.00:00:00" });
        var store = host.Services.GetRequiredService<IAuditStore>();
        var now = DateTimeOffset.UtcNow;
        await store.InsertAuditAsync(
        [
            new AuditEntry { Timestamp = now.AddDays(-40), Actor = "admin", Action = AuditActions.TierSet, TargetType = AuditTargets.Tier, Target = "old" },
            new AuditEntry { Timestamp = now.AddDays(-20), Actor = "admin", Action = AuditActions.TierSet, TargetType = AuditTargets.Tier, Target = "recent" },
        ], CancellationToken.None);

        Assert.Equal(1, await host.Services.GetRequiredService<AuditMaintenanceService>().RunOnceAsync(CancellationToken.None));

        var left = await store.QueryAuditAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(["recent"], left.Select(e => e.Target));
    }

    [Fact]
    public async Task AuditWriteFailure_DoesNotFailTheChange_AndIsLogged()
    {
        await using var host = await GatewayHost.StartAsync(services: s => s.AddSingleton<IAuditStore>(new FailingAuditStore()));
        using var admin = host.CreateClient();

        (await admin.SendJsonAsync(HttpMethod.Put, "api/admin/tenancy", new { mode = "multi-fixed" })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("multi-fixed", (await admin.GetJsonAsync("api/admin/tenancy")).Json.GetProperty("mode").GetString());
        Assert.Contains(host.Logs.Lines, line => line.Contains("tenancy.update", StringComparison.Ordinal) && line.Contains("were not stored", StringComparison.Ordinal));
    }

    private static async Task AssertNoSecretAsync(TenancyFixture fixture, AuditTrail trail, params string[] secrets)
    {
        var entries = await trail.AllAsync();
        Assert.NotEmpty(entries);
        using var admin = fixture.AdminClient();
        var listed = (await admin.GetJsonAsync("api/admin/audit?limit=1000")).Raw;
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(entries, e => (e.Before ?? "").Contains(secret, StringComparison.Ordinal) || (e.After ?? "").Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(entries, e => (e.Before ?? "").Contains("ENC:", StringComparison.Ordinal) || (e.After ?? "").Contains("ENC:", StringComparison.Ordinal));
    }

    private sealed class FailingAuditStore : IAuditStore
    {
        public Task InsertAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) => throw new InvalidOperationException("audit store is down");

        public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AuditEntry>>([]);

        public Task<int> PurgeAuditAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
