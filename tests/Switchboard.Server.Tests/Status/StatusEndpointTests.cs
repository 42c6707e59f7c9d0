using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Status;

/// <summary>Checks the documented shapes of the status routes and who may read them.</summary>
public sealed class StatusEndpointTests : IAsyncLifetime
{
    private const string Yaml = """
        platforms:
          priced:
            kind: demo
            base_url: https://priced.demo.invalid
            api_key: sk-priced-secret-key-0123456789
            headers: { X-Api-Key: header-secret-value-123456 }
            models:
              priced-demo: { model_name: demo, input_price: 2, output_price: 8 }
        catalog:
          paid-chat:
            display_name: Paid chat
            user_input_price: 3
            user_output_price: 12
            sources:
              - { platform: priced, model: priced-demo }
        """;

    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(Yaml);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_FreshGateway_ReportsHealthyDatabaseWriterAndPlatforms()
    {
        using var client = _host.CreateClient();

        var json = await GetJsonAsync(client, "api/v1/status/health");

        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("version").GetString()));
        Assert.True(json.GetProperty("uptime_seconds").GetDouble() >= 0);
        Assert.True(json.GetProperty("config_version").GetInt64() > 0);
        var database = json.GetProperty("database");
        Assert.Equal(("up", "sqlite"), (database.GetProperty("status").GetString(), database.GetProperty("provider").GetString()));
        Assert.True(database.GetProperty("latency_ms").GetDouble() >= 0);
        var writer = json.GetProperty("usage_writer");
        foreach (var name in new[] { "queue_depth", "queue_overflows", "persisted", "failures", "journaled", "journal_pending" })
        {
            Assert.True(writer.GetProperty(name).GetInt64() >= 0, name);
        }

        Assert.False(writer.GetProperty("degraded").GetBoolean());
        var priced = json.GetProperty("platforms").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "priced");
        Assert.Equal(("demo", 1, 0, "healthy"), (priced.GetProperty("kind").GetString(), priced.GetProperty("keys").GetInt32(), priced.GetProperty("keys_cooling").GetInt32(), priced.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task UsageCostPerformance_AfterTraffic_ReportExactTotalsGroupsAndPercentiles()
    {
        using var client = _host.CreateClient();
        await ChatAsync(client, "paid-chat", stream: false);
        await ChatAsync(client, "paid-chat", stream: true);
        await ChatAsync(client, "demo", stream: false);
        var records = await _host.FlushUsageAsync();
        var paid = records.Where(r => r.CatalogModel == "paid-chat").ToList();

        var usage = await GetJsonAsync(client, "api/v1/status/usage?period=24h");
        Assert.Equal("24h", usage.GetProperty("period").GetString());
        Assert.Equal(("model", "hour"), (usage.GetProperty("group_by").GetString(), usage.GetProperty("interval").GetString()));
        var totals = usage.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("requests").GetInt64());
        Assert.Equal(records.Sum(r => r.Tokens.InputTokens), totals.GetProperty("input_tokens").GetInt64());
        Assert.Equal(paid.Sum(r => r.UserPrice), totals.GetProperty("user_price").GetDecimal());
        Assert.Equal(paid.Sum(r => r.ProviderCost), totals.GetProperty("provider_cost").GetDecimal());
        Assert.Equal(["demo", "paid-chat"], usage.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
        Assert.Equal(3, usage.GetProperty("timeline").EnumerateArray().Sum(b => b.GetProperty("usage").GetProperty("requests").GetInt64()));

        var byDay = await GetJsonAsync(client, "api/v1/status/usage?period=week&group_by=platform&interval=day&utc_offset=%2B08:00");
        Assert.Equal("+08:00", DateTimeOffset.Parse(byDay.GetProperty("timeline")[0].GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToString("zzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(byDay.GetProperty("groups").EnumerateArray(), g => g.GetProperty("key").GetString() == "priced");

        var cost = await GetJsonAsync(client, "api/v1/status/cost?group_by=provider");
        Assert.Equal(("30d", "provider"), (cost.GetProperty("period").GetString(), cost.GetProperty("group_by").GetString()));
        var line = cost.GetProperty("groups")[0];
        Assert.Equal("demo", line.GetProperty("key").GetString());
        var revenue = paid.Sum(r => r.UserPrice);
        var providerCost = paid.Sum(r => r.ProviderCost);
        Assert.True(revenue > 0 && providerCost > 0);
        Assert.Equal(revenue, line.GetProperty("revenue").GetDecimal());
        Assert.Equal(providerCost, line.GetProperty("cost").GetDecimal());
        Assert.Equal(revenue - providerCost, line.GetProperty("margin").GetDecimal());
        Assert.Equal(Math.Round((revenue - providerCost) / revenue * 100m, 4), line.GetProperty("margin_percent").GetDecimal());
        Assert.Equal(revenue, cost.GetProperty("totals").GetProperty("revenue").GetDecimal());
        var byModel = await GetJsonAsync(client, "api/v1/status/cost?group_by=model");
        Assert.Equal(["paid-chat", "demo"], byModel.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
        var byUser = await GetJsonAsync(client, "api/v1/status/cost?group_by=user&period=total");
        Assert.Equal("-1", byUser.GetProperty("groups")[0].GetProperty("key").GetString());

        var performance = await GetJsonAsync(client, "api/v1/status/performance");
        var source = performance.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "paid-chat");
        Assert.Equal(("priced/demo", "priced", "demo"), (source.GetProperty("source").GetString(), source.GetProperty("platform").GetString(), source.GetProperty("upstream_model").GetString()));
        Assert.Equal((2, 0, 0.0), (source.GetProperty("requests").GetInt64(), source.GetProperty("errors").GetInt64(), source.GetProperty("error_rate").GetDouble()));
        var latency = source.GetProperty("latency_ms");
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p95").GetDouble());
        Assert.True(latency.GetProperty("p95").GetDouble() <= latency.GetProperty("p99").GetDouble());
        Assert.Equal(2, latency.GetProperty("count").GetInt64());
        Assert.Equal(1, source.GetProperty("ttft_ms").GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task StatusRoutes_NonAdminKey_SeesOwnUsageOnlyAndNoAdminViews()
    {
        using var admin = _host.CreateClient();
        var created = await (await admin.PostAsJsonAsync("api/admin/keys", new { user_id = "alice" })).Content.ReadFromJsonAsync<JsonElement>();
        using var alice = _host.CreateClient(created.GetProperty("key").GetString());
        await ChatAsync(admin, "demo", stream: false);
        await ChatAsync(alice, "demo", stream: false);
        await _host.FlushUsageAsync();

        var own = await GetJsonAsync(alice, "api/v1/status/usage?period=total");
        Assert.Equal("alice", own.GetProperty("user_id").GetString());
        Assert.Equal(1, own.GetProperty("totals").GetProperty("requests").GetInt64());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("totals").GetProperty("provider_cost").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("api/v1/status/health")).StatusCode);

        foreach (var path in new[] { "api/v1/status/usage?user_id=-1", "api/v1/status/metrics", "api/v1/status/performance", "api/v1/status/cost", "api/v1/debug/config" })
        {
            var response = await alice.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("permission_error", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("type").GetString());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient(key: null).GetAsync("api/v1/status/health")).StatusCode);
        var everyone = await GetJsonAsync(admin, "api/v1/status/usage?period=total&group_by=user");
        Assert.Equal(["-1", "alice"], everyone.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
    }

    [Theory]
    [InlineData("api/v1/status/usage?period=yesterday", "period")]
    [InlineData("api/v1/status/usage?group_by=colour", "group_by")]
    [InlineData("api/v1/status/usage?interval=minute", "interval")]
    [InlineData("api/v1/status/usage?utc_offset=8", "utc_offset")]
    [InlineData("api/v1/status/cost?group_by=nonsense", "group_by")]
    public async Task StatusRoutes_BadParameter_Return400InOpenAIShape(string path, string param)
    {
        using var client = _host.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Metrics_Json_CountsRequestsByOutcome()
    {
        using var client = _host.CreateClient();
        await ChatAsync(client, "demo", stream: false);

        var json = await GetJsonAsync(client, "api/v1/status/metrics");

        var requests = json.GetProperty("requests");
        Assert.True(requests.GetProperty("total").GetInt64() >= 1);
        Assert.True(requests.GetProperty("success").GetInt64() >= 1);
        Assert.True(json.GetProperty("tokens").GetProperty("output").GetInt64() > 0);
        Assert.True(json.GetProperty("usage_writer").GetProperty("queue_depth").GetInt64() >= 0);
        Assert.True(json.GetProperty("money").TryGetProperty("revenue", out _));
    }

    [Fact]
    public async Task DebugConfig_Admin_ShowsEffectiveConfigWithEverySecretMasked()
    {
        using var client = _host.CreateClient();

        var text = await client.GetStringAsync("api/v1/debug/config");

        Assert.DoesNotContain(GatewayHost.AdminKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHost.MasterKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-priced-secret-key-0123456789", text, StringComparison.Ordinal);
        Assert.DoesNotContain("header-secret-value-123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ENC:", text, StringComparison.Ordinal);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("sqlite", json.GetProperty("database").GetProperty("provider").GetString());
        Assert.True(json.GetProperty("database").GetProperty("schema_version").GetInt32() >= 3);
        Assert.Equal("sb-t…6789", json.GetProperty("engine").GetProperty("admin_key").GetString());
        Assert.Equal("3", json.GetProperty("gateway").GetProperty("max_attempts").GetString());
        Assert.Equal("90.00:00:00", json.GetProperty("usage").GetProperty("raw_retention").GetString());
        var priced = json.GetProperty("platforms").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "priced");
        Assert.Equal("sk-p…6789", priced.GetProperty("keys")[0].GetProperty("masked").GetString());
        Assert.Equal("head…3456", priced.GetProperty("headers").GetProperty("X-Api-Key").GetString());
        Assert.Equal(2m, priced.GetProperty("models")[0].GetProperty("input_price").GetDecimal());
        var catalog = json.GetProperty("catalog").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "paid-chat");
        Assert.Equal("priced/priced-demo", catalog.GetProperty("sources")[0].GetString());
        foreach (var setting in json.GetProperty("settings").EnumerateObject().Where(s => s.Name.Contains("key", StringComparison.Ordinal)))
        {
            Assert.True(setting.Value.GetString()!.Length <= 9, setting.Name);
        }
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryStatusRouteAndItsShape()
    {
        using var client = _host.CreateClient(key: null);

        var doc = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/status/health", "/api/v1/status/metrics", "/api/v1/status/usage", "/api/v1/status/performance", "/api/v1/status/cost", "/api/v1/debug/config", "/metrics" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.False(string.IsNullOrEmpty(item.GetProperty("get").GetProperty("summary").GetString()), path);
        }

        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("HealthView").GetProperty("properties").TryGetProperty("usage_writer", out _));
        Assert.True(schemas.GetProperty("CostLineView").GetProperty("properties").TryGetProperty("margin_percent", out _));
        Assert.True(schemas.GetProperty("SourcePerformanceView").GetProperty("properties").TryGetProperty("ttft_ms", out _));
        var parameters = paths.GetProperty("/api/v1/status/usage").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["period", "user_id", "group_by", "interval", "utc_offset"], parameters);
    }

    private static async Task ChatAsync(HttpClient client, string model, bool stream)
    {
        var body = JsonSerializer.Serialize(new { model, stream, messages = new[] { new { role = "user", content = "Hello there" } } });
        var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
