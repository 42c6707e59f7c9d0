using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Catalog;

/// <summary>Drives the catalog admin routes and the grouped user view over real HTTP against fake OpenAI-compatible upstreams.</summary>
public sealed class CatalogAdminTests : IAsyncLifetime
{
    private const string AcmeKey = "sk-acme-secret-4b1d9e7a0c2f";
    private const string FlakyKey = "sk-flaky-secret-77e0a1b2c3d4";

    private FakeUpstream _acme = null!;
    private FakeUpstream _flaky = null!;
    private GatewayHost _host = null!;

    /// <summary>Gets or sets the model ids the acme upstream's <c>/models</c> lists.</summary>
    private string[] AcmeServes { get; set; } = ["gpt-fast", "gpt-new", "text-embedding-9"];

    public async Task InitializeAsync()
    {
        _acme = await FakeUpstream.StartAsync();
        _acme.Handler = (ctx, _) => ctx.Request.Path.Value == "/v1/models"
            ? FakeUpstream.Json(ctx, 200, JsonSerializer.Serialize(new { @object = "list", data = AcmeServes.Select(id => new { id, @object = "model", owned_by = "acme" }) }))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
        _flaky = await FakeUpstream.StartAsync();
        _flaky.Handler = (ctx, _) => ctx.Request.Path.Value == "/v1/models"
            ? FakeUpstream.Json(ctx, 401, OpenAIFakeResponses.Error($"bad key {FlakyKey}", "authentication_error"))
            : FakeUpstream.Json(ctx, 500, OpenAIFakeResponses.Error("boom", "server_error"));
        _host = await GatewayHost.StartAsync(
            $$"""
            platforms:
              acme-cloud:
                kind: openai
                base_url: {{_acme.BaseUrl}}v1
                api_key: '{ACME_KEY}'
                models:
                  gpt-fast: { model_name: gpt-fast, input_price: 0.5, output_price: 1.5, capabilities: [tools] }
                  gpt-old: gpt-old
              flaky-cloud:
                kind: openai
                base_url: {{_flaky.BaseUrl}}v1
                api_key: '{FLAKY_KEY}'
                models:
                  flaky-chat: flaky-chat
            catalog:
              gpt-fast:
                display_name: GPT Fast
                user_input_price: 1
                user_output_price: 2
                tags: [fast, hot]
                sources:
                  - { platform: acme-cloud, model: gpt-fast }
            """,
            new Dictionary<string, string?> { ["ACME_KEY"] = AcmeKey, ["FLAKY_KEY"] = FlakyKey },
            new Dictionary<string, string?> { ["Switchboard:Gateway:MaxAttempts"] = "1" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _acme.DisposeAsync();
        await _flaky.DisposeAsync();
    }

    [Fact]
    public async Task List_FiltersByTagTypeProviderAndSearch_InStableOrder()
    {
        using var admin = _host.CreateClient();

        var all = await ListAsync(admin, "");
        Assert.Equal(["demo", "demo-embedding", "flaky-chat", "gpt-fast", "gpt-old"], Ids(all));
        var fast = all.Single(m => m.GetProperty("id").GetString() == "gpt-fast");
        Assert.Equal(("GPT Fast", true, true, "chat"), (fast.GetProperty("display_name").GetString(), fast.GetProperty("declared").GetBoolean(), fast.GetProperty("active").GetBoolean(), fast.GetProperty("type").GetString()));
        Assert.Equal((0.5m, 0.5m), (fast.GetProperty("margin").GetProperty("input_per_million").GetDecimal(), fast.GetProperty("margin").GetProperty("output_per_million").GetDecimal()));
        Assert.Equal(["tools"], fast.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        var source = Assert.Single(fast.GetProperty("sources").EnumerateArray());
        Assert.Equal(("acme-cloud", "openai", "gpt-fast", 0.5m, 1.5m), (source.GetProperty("platform").GetString(), source.GetProperty("provider").GetString(),
            source.GetProperty("upstream_model").GetString(), source.GetProperty("cost").GetProperty("input_per_million").GetDecimal(), source.GetProperty("cost").GetProperty("output_per_million").GetDecimal()));
        Assert.False(all.Single(m => m.GetProperty("id").GetString() == "gpt-old").GetProperty("declared").GetBoolean());

        Assert.Equal(["gpt-fast"], Ids(await ListAsync(admin, "?tag=HOT")));
        Assert.Equal(["demo-embedding"], Ids(await ListAsync(admin, "?type=embedding")));
        Assert.Equal(["demo", "demo-embedding"], Ids(await ListAsync(admin, "?provider=demo")));
        Assert.Equal(["flaky-chat"], Ids(await ListAsync(admin, "?provider=flaky-cloud")));
        Assert.Equal(["flaky-chat", "gpt-fast", "gpt-old"], Ids(await ListAsync(admin, "?provider=openai")));
        Assert.Equal(["gpt-fast", "gpt-old"], Ids(await ListAsync(admin, "?q=gpt")));
        Assert.Equal(["gpt-fast", "gpt-old"], Ids(await ListAsync(admin, "?provider=openai&q=gpt&active=true")));
        Assert.Empty(await ListAsync(admin, "?active=false"));

        var bad = await admin.GetAsync("api/admin/catalog?health=sunny");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("health", (await ErrorAsync(bad)).GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("api/admin/catalog?active=maybe")).StatusCode);
    }

    [Fact]
    public async Task List_FilterByHealth_SeparatesFailingSourceFromWorkingOne()
    {
        using var admin = _host.CreateClient();
        Assert.Equal("unknown", Health(await ListAsync(admin, ""), "gpt-fast"));

        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "gpt-fast")).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(HttpStatusCode.OK, (await ChatAsync(admin, "flaky-chat")).StatusCode);
        }

        var all = await ListAsync(admin, "");
        var flakyHealth = Health(all, "flaky-chat");
        Assert.Contains(flakyHealth, new[] { "degraded", "down" });
        Assert.Equal("healthy", Health(all, "gpt-fast"));
        Assert.Equal("unknown", Health(all, "gpt-old"));
        var flakySource = Assert.Single(all.Single(m => m.GetProperty("id").GetString() == "flaky-chat").GetProperty("sources").EnumerateArray());
        Assert.NotEqual("healthy", flakySource.GetProperty("health").GetString());

        var healthy = Ids(await ListAsync(admin, "?health=healthy"));
        Assert.Contains("gpt-fast", healthy);
        Assert.DoesNotContain("flaky-chat", healthy);
        Assert.Equal(["flaky-chat"], Ids(await ListAsync(admin, $"?health={flakyHealth}")));
    }

    [Fact]
    public async Task Batch_DisableDeclaredAndDerived_ModelsLeaveV1ModelsAndRequestsGet404()
    {
        using var admin = _host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "gpt-old")).StatusCode);

        var response = await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-fast", "gpt-old" }, active = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.All(updated, m => Assert.False(m.GetProperty("active").GetBoolean()));
        Assert.All(updated, m => Assert.True(m.GetProperty("declared").GetBoolean()));
        var listed = await ModelIdsAsync(admin);
        Assert.DoesNotContain("gpt-fast", listed);
        Assert.DoesNotContain("gpt-old", listed);
        Assert.Contains("flaky-chat", listed);
        foreach (var model in new[] { "gpt-fast", "gpt-old" })
        {
            var chat = await ChatAsync(admin, model);
            Assert.Equal(HttpStatusCode.NotFound, chat.StatusCode);
            Assert.Equal("model_not_found", (await ErrorAsync(chat)).GetProperty("code").GetString());
        }

        Assert.Equal(["gpt-fast", "gpt-old"], Ids(await ListAsync(admin, "?active=false")));

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-old" }, active = true })).StatusCode);
        Assert.Contains("gpt-old", await ModelIdsAsync(admin));
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "gpt-old")).StatusCode);
    }

    [Fact]
    public async Task Batch_UnknownIds_Returns404NamingThemAndAppliesNothing()
    {
        using var admin = _host.CreateClient();

        var response = await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-fast", "nope", "nada" }, active = false, add_tags = new[] { "x" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal(("invalid_request_error", "model_not_found", "ids"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Contains("'nope'", error.GetProperty("message").GetString());
        Assert.Contains("'nada'", error.GetProperty("message").GetString());
        Assert.DoesNotContain("'gpt-fast'", error.GetProperty("message").GetString());
        var fast = (await ListAsync(admin, "?q=gpt-fast")).Single();
        Assert.True(fast.GetProperty("active").GetBoolean());
        Assert.Equal(["fast", "hot"], fast.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("gpt-fast", await ModelIdsAsync(admin));
    }

    [Fact]
    public async Task Batch_BadBodies_Return400NamingTheField()
    {
        using var admin = _host.CreateClient();

        foreach (var (body, param) in new (object Body, string? Param)[]
        {
            (new { active = false }, "ids"),
            (new { ids = Array.Empty<string>(), active = false }, "ids"),
            (new { ids = new[] { "gpt-fast" } }, null),
            (new { ids = new[] { "gpt-fast" }, user_input_price = -1 }, "user_input_price"),
            (new { ids = new[] { "gpt-fast" }, add_tags = new[] { "no spaces" } }, "add_tags"),
            (new { ids = new[] { "gpt-fast" }, tier_required = "p r o" }, "tier_required"),
            (new { ids = new[] { "gpt-fast", "gpt-old" }, custom_name = "Both" }, "custom_name"),
            (new { ids = "gpt-fast", active = false }, "ids"),
        })
        {
            var response = await admin.PatchAsJsonAsync("api/admin/catalog", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(param, (await ErrorAsync(response)).GetProperty("param").GetString());
        }

        var malformed = await admin.PatchAsync("api/admin/catalog", new StringContent("{\"ids\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("invalid_json", (await ErrorAsync(malformed)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Batch_PriceChange_ShowsInTheNextUsageRecordsUserPrice()
    {
        using var admin = _host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "gpt-fast")).StatusCode);
        var before = Assert.Single(await _host.FlushUsageAsync()).UserPrice;

        var response = await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-fast" }, user_input_price = 10, user_output_price = 20, add_tags = new[] { "Recommended" }, remove_tags = new[] { "hot" }, tier_required = "pro", custom_name = "极速 GPT" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0];
        Assert.Equal(["fast", "recommended"], view.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(("pro", "极速 GPT", 10m, 9.5m), (view.GetProperty("tier_required").GetString(), view.GetProperty("custom_name").GetString(),
            view.GetProperty("user_price").GetProperty("input_per_million").GetDecimal(), view.GetProperty("margin").GetProperty("input_per_million").GetDecimal()));
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "gpt-fast")).StatusCode);
        var records = await _host.FlushUsageAsync();
        var after = records.OrderBy(r => r.Timestamp).Last();
        Assert.True(before > 0);
        Assert.Equal(before * 10, after.UserPrice);

        var cleared = await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-fast" }, tier_required = (string?)null });
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await cleared.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("tier_required").ValueKind);
    }

    [Fact]
    public async Task Sync_DiffsAgainstUpstreamModels_ApplyAddsAndDisables_SecondApplyIsNoOp()
    {
        using var admin = _host.CreateClient();

        var diff = await PostJsonAsync(admin, "api/admin/catalog/sync", new { });
        var acme = Platform(diff, "acme-cloud");
        Assert.Equal("upstream", acme.GetProperty("list_source").GetString());
        Assert.Equal(JsonValueKind.Null, acme.GetProperty("error").ValueKind);
        Assert.Equal(["gpt-new", "text-embedding-9"], Names(acme.GetProperty("added")));
        Assert.Equal("embedding", acme.GetProperty("added")[1].GetProperty("type").GetString());
        Assert.Equal(["gpt-old"], Names(acme.GetProperty("missing")));
        Assert.Equal(["gpt-fast"], acme.GetProperty("unchanged").EnumerateArray().Select(n => n.GetString()));
        var flaky = Platform(diff, "flaky-cloud");
        Assert.Equal("upstream_auth_failed", flaky.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(flaky.GetProperty("added").EnumerateArray());
        Assert.True(diff.GetProperty("errors").GetInt32() >= 1);
        Assert.DoesNotContain(FlakyKey, diff.GetRawText());
        Assert.DoesNotContain(AcmeKey, diff.GetRawText());
        Assert.Equal($"Bearer {AcmeKey}", _acme.Requests.Last(r => r.Path == "/v1/models").Headers["Authorization"]);

        // Computing the diff changes nothing.
        var listed = await ModelIdsAsync(admin);
        Assert.DoesNotContain("gpt-new", listed);
        Assert.Contains("gpt-old", listed);

        var entries = new[]
        {
            new { platform = "acme-cloud", model = "gpt-new", action = "add" },
            new { platform = "acme-cloud", model = "gpt-old", action = "disable" },
        };
        var applied = await PostJsonAsync(admin, "api/admin/catalog/sync/apply", new { entries });
        Assert.Equal((1, 1, 1, 0), Counts(applied));
        Assert.Empty(applied.GetProperty("skipped").EnumerateArray());

        listed = await ModelIdsAsync(admin);
        Assert.Contains("gpt-new", listed);
        Assert.DoesNotContain("gpt-old", listed);
        Assert.DoesNotContain("text-embedding-9", listed);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(admin, "gpt-new")).StatusCode);
        var added = (await ListAsync(admin, "?q=gpt-new")).Single();
        Assert.True(added.GetProperty("declared").GetBoolean());
        Assert.Equal(["new"], added.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var again = await PostJsonAsync(admin, "api/admin/catalog/sync/apply", new { entries });
        Assert.Equal((0, 0, 0, 0), Counts(again));
        Assert.Equal(2, again.GetProperty("skipped").GetArrayLength());

        var rest = await PostJsonAsync(admin, "api/admin/catalog/sync/apply", new { all = true, platforms = new[] { "acme-cloud" } });
        Assert.Equal((1, 0, 1, 0), Counts(rest));
        Assert.Equal((0, 0, 0, 0), Counts(await PostJsonAsync(admin, "api/admin/catalog/sync/apply", new { all = true, platforms = new[] { "acme-cloud" } })));
        var settled = Platform(await PostJsonAsync(admin, "api/admin/catalog/sync", new { platforms = new[] { "acme-cloud" } }), "acme-cloud");
        Assert.Empty(settled.GetProperty("added").EnumerateArray());
        Assert.Empty(settled.GetProperty("missing").EnumerateArray());
        Assert.Equal(["gpt-fast", "gpt-new", "text-embedding-9"], settled.GetProperty("unchanged").EnumerateArray().Select(n => n.GetString()).Order(StringComparer.Ordinal));

        // A model that returns upstream was disabled by the admin's choice, so sync leaves it alone rather than re-enabling it.
        AcmeServes = ["gpt-fast", "gpt-new", "text-embedding-9", "gpt-old"];
        var returned = Platform(await PostJsonAsync(admin, "api/admin/catalog/sync", new { platforms = new[] { "acme-cloud" } }), "acme-cloud");
        Assert.Empty(returned.GetProperty("added").EnumerateArray());
        Assert.Contains("gpt-old", returned.GetProperty("unchanged").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Sync_BadRequests_AreClientErrors()
    {
        using var admin = _host.CreateClient();

        var unknown = await admin.PostAsJsonAsync("api/admin/catalog/sync", new { platforms = new[] { "nowhere" } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("platforms", (await ErrorAsync(unknown)).GetProperty("param").GetString());
        var nothing = await admin.PostAsJsonAsync("api/admin/catalog/sync/apply", new { });
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Equal("entries", (await ErrorAsync(nothing)).GetProperty("param").GetString());
        var badAction = await admin.PostAsJsonAsync("api/admin/catalog/sync/apply", new { entries = new[] { new { platform = "acme-cloud", model = "gpt-new", action = "delete" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badAction.StatusCode);
        Assert.Contains("gpt-old", await ModelIdsAsync(admin));
    }

    [Fact]
    public async Task AdminRoutes_WithUserKey_Get403()
    {
        using var user = _host.CreateClient(await CreateKeyAsync());

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => user.GetAsync("api/admin/catalog"),
            () => user.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-fast" }, active = false }),
            () => user.PostAsJsonAsync("api/admin/catalog/sync", new { }),
            () => user.PostAsJsonAsync("api/admin/catalog/sync/apply", new { all = true }),
        })
        {
            var response = await request();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("permission_error", (await ErrorAsync(response)).GetProperty("type").GetString());
        }

        Assert.DoesNotContain(_acme.Requests, r => r.Path == "/v1/models");
        Assert.Contains("gpt-fast", await ModelIdsAsync(_host.CreateClient()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient(null).GetAsync("api/models/grouped")).StatusCode);
    }

    [Fact]
    public async Task GroupedView_ListsWhatTheCallerMayUseByTagAndType_WithoutProviders()
    {
        using var admin = _host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-fast" }, featured = true, custom_name = "Fast one" })).StatusCode);
        using var user = _host.CreateClient(await CreateKeyAsync("gpt-fast", "gpt-old", "demo-embedding"));

        var response = await user.GetAsync("api/models/grouped");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var hidden in new[] { "acme-cloud", "flaky-cloud", "openai", "owned_by", "platform", "provider", "upstream", AcmeKey, "sk-" })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.OrdinalIgnoreCase);
        }

        var root = JsonDocument.Parse(text).RootElement;
        var byType = root.GetProperty("by_type").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, g => Names(g.GetProperty("models"), "id"));
        Assert.Equal(["chat", "embedding"], byType.Keys);
        Assert.Equal(["gpt-fast", "gpt-old"], byType["chat"]);
        Assert.Equal(["demo-embedding"], byType["embedding"]);
        var byTag = root.GetProperty("by_tag").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, g => Names(g.GetProperty("models"), "id"));
        Assert.Equal(["fast", "hot"], byTag.Keys);
        Assert.Equal(["gpt-fast"], byTag["hot"]);
        var featured = Assert.Single(root.GetProperty("featured").EnumerateArray());
        Assert.Equal(("gpt-fast", "Fast one", 1m), (featured.GetProperty("id").GetString(), featured.GetProperty("name").GetString(), featured.GetProperty("price").GetProperty("input_per_million").GetDecimal()));
        Assert.Equal(["tools"], featured.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        // The same filter as /v1/models: after a disable, the model leaves the user's view too.
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("api/admin/catalog", new { ids = new[] { "gpt-old" }, active = false })).StatusCode);
        var after = JsonDocument.Parse(await user.GetStringAsync("api/models/grouped")).RootElement;
        Assert.Equal(["gpt-fast"], Names(after.GetProperty("by_type")[0].GetProperty("models"), "id"));
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheCatalogRoutes()
    {
        using var client = _host.CreateClient();

        var paths = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement.GetProperty("paths");

        var names = paths.EnumerateObject().Select(p => p.Name).ToArray();
        foreach (var path in new[] { "/api/admin/catalog", "/api/admin/catalog/sync", "/api/admin/catalog/sync/apply", "/api/models/grouped" })
        {
            Assert.True(names.Contains(path) || names.Contains(path + "/"), $"OpenAPI document lacks {path}");
        }
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("api/admin/catalog" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(root.GetProperty("data").GetArrayLength(), root.GetProperty("total").GetInt32());
        return [.. root.GetProperty("data").EnumerateArray()];
    }

    private static string[] Ids(IEnumerable<JsonElement> models) => [.. models.Select(m => m.GetProperty("id").GetString()!)];

    private static string[] Names(JsonElement array, string property = "model") => [.. array.EnumerateArray().Select(m => m.GetProperty(property).GetString()!)];

    private static string Health(IEnumerable<JsonElement> models, string id) => models.Single(m => m.GetProperty("id").GetString() == id).GetProperty("health").GetString()!;

    private static JsonElement Platform(JsonElement diff, string name) =>
        diff.GetProperty("platforms").EnumerateArray().Single(p => p.GetProperty("platform").GetString() == name);

    private static (int, int, int, int) Counts(JsonElement applied) => (
        applied.GetProperty("models_added").GetInt32(),
        applied.GetProperty("models_disabled").GetInt32(),
        applied.GetProperty("catalog_models_added").GetInt32(),
        applied.GetProperty("sources_added").GetInt32());

    private static async Task<JsonElement> PostJsonAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

    private static async Task<string[]> ModelIdsAsync(HttpClient client) =>
        [.. JsonDocument.Parse(await client.GetStringAsync("v1/models")).RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];

    private static Task<HttpResponseMessage> ChatAsync(HttpClient client, string model) =>
        client.PostAsJsonAsync("v1/chat/completions", new { model, messages = new[] { new { role = "user", content = "hi" } } });

    private async Task<string> CreateKeyAsync(params string[] allowedModels)
    {
        using var admin = _host.CreateClient();
        var created = await admin.PostAsJsonAsync("api/admin/keys", new { name = "catalog-user", allowed_models = allowedModels });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
    }
}
