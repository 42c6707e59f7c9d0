using System.Net;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Pricing;

/// <summary>
/// Prices an Anthropic answer with cache reads and five-minute and one-hour cache writes end to end: the fake speaks Anthropic's wire
/// format, and the usage record, the reports and the catalog's user prices are checked to the exact decimal.
/// </summary>
public sealed class CacheWritePricingTests : IAsyncLifetime
{
    // Anthropic counts input_tokens apart from cache reads and writes: 40 plain + 1000 read + 456 five-minute + 100 one-hour writes.
    private const string Usage = """
        {"input_tokens":40,"cache_creation_input_tokens":556,"cache_read_input_tokens":1000,"output_tokens":12,
         "cache_creation":{"ephemeral_5m_input_tokens":456,"ephemeral_1h_input_tokens":100}}
        """;

    private static readonly TokenUsage Expected = new(1596, 12, CachedInputTokens: 1000, CacheWriteTokens: 556, CacheWrite1HourTokens: 100);

    // Provider: 40 × 3 + 1000 × 0.3 + 456 × 3.75 (1.25 × input, the kind's default) + 100 × 6 (2 × input) + 12 × 15 = 2910 per 1M.
    private const decimal ProviderCost = 0.00291m;

    // User (input 4, output 20, cache rates unset so they follow the source): 40 × 4 + 1000 × 0.4 + 456 × 5 + 100 × 8 + 12 × 20 = 3880 per 1M.
    private const decimal UserPrice = 0.00388m;

    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = ProtocolFakes.AnthropicWithUsage(Usage);
        _host = await GatewayHost.StartAsync($$"""
            platforms:
              claude:
                kind: anthropic
                base_url: {{_upstream.BaseUrl}}v1
                api_key: sk-ant-cache-test-key
                models:
                  sonnet: { model_name: claude-test, input_price: 3, output_price: 15, cached_input_price: 0.3 }
            catalog:
              smart:
                user_input_price: 4
                user_output_price: 20
                sources: [{ platform: claude, model: sonnet }]
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Request_CacheReadsAndWrites_RecordTokensCostAndPriceExactly(bool stream)
    {
        using var client = _host.CreateClient();

        var answer = await ChatAsync(client, "smart", stream);

        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal(Expected, record.Tokens);
        Assert.Equal(UsageSource.Reported, record.UsageSource);
        Assert.Equal(ProviderCost, record.ProviderCost);
        Assert.Equal(UserPrice, record.UserPrice);
        Assert.Contains("\"cache_write_tokens\":556", answer, StringComparison.Ordinal);
        Assert.Contains("\"cached_tokens\":1000", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatalogPatch_SetsAndClearsTheCacheUserPrices_AndTheNextRequestIsPricedByThem()
    {
        using var client = _host.CreateClient();

        var patched = await PatchAsync(client, """{"ids":["smart"],"user_cached_input_price":0.5,"user_cache_write_price":6}""");
        var price = patched.GetProperty("data")[0].GetProperty("user_price");
        Assert.Equal((0.5m, 6m), (price.GetProperty("cached_input_per_million").GetDecimal(), price.GetProperty("cache_write_per_million").GetDecimal()));
        await ChatAsync(client, "smart", stream: false);

        // Only the five-minute rate is set; one-hour writes follow the source's one-hour to five-minute ratio: 6 × 6 / 3.75 = 9.6.
        // 40 × 4 + 1000 × 0.5 + 456 × 6 + 100 × 9.6 + 12 × 20 = 160 + 500 + 2736 + 960 + 240 = 4596 per 1M.
        Assert.Equal(0.004596m, Assert.Single(await _host.FlushUsageAsync()).UserPrice);

        var cleared = await PatchAsync(client, """{"ids":["smart"],"user_cached_input_price":null,"user_cache_write_price":null}""");
        Assert.False(cleared.GetProperty("data")[0].GetProperty("user_price").TryGetProperty("cached_input_per_million", out _));
        await ChatAsync(client, "smart", stream: false);
        Assert.Equal(UserPrice, (await _host.FlushUsageAsync()).OrderBy(r => r.Timestamp).Last().UserPrice);
    }

    [Theory]
    [InlineData("""{"ids":["smart"],"user_cache_write_price":-1}""", "user_cache_write_price")]
    [InlineData("""{"ids":["smart"],"user_cached_input_price":"cheap"}""", null)]
    public async Task CatalogPatch_BadCachePrice_Is400(string body, string? param)
    {
        using var client = _host.CreateClient();

        var response = await client.PatchAsync("api/admin/catalog", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        if (param is not null)
        {
            Assert.Equal(param, error.GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task Reports_CarryCacheWriteTokens()
    {
        using var client = _host.CreateClient();
        await ChatAsync(client, "smart", stream: false);
        await ChatAsync(client, "smart", stream: true);
        await _host.FlushUsageAsync();

        var usage = await GetJsonAsync(client, "api/v1/status/usage?period=24h");
        var totals = usage.GetProperty("totals");
        Assert.Equal((1112L, 2000L), (totals.GetProperty("cache_write_tokens").GetInt64(), totals.GetProperty("cached_input_tokens").GetInt64()));
        Assert.Equal(2 * ProviderCost, totals.GetProperty("provider_cost").GetDecimal());

        var cost = await GetJsonAsync(client, "api/v1/status/cost?group_by=model");
        var line = Assert.Single(cost.GetProperty("groups").EnumerateArray());
        Assert.Equal(("smart", 1112L, 2000L), (line.GetProperty("key").GetString(), line.GetProperty("cache_write_tokens").GetInt64(), line.GetProperty("cached_input_tokens").GetInt64()));
        Assert.Equal((2 * UserPrice, 2 * ProviderCost), (line.GetProperty("revenue").GetDecimal(), line.GetProperty("cost").GetDecimal()));
    }

    [Fact]
    public async Task DebugConfig_ShowsSetAndUnsetCachePrices()
    {
        using var client = _host.CreateClient();

        var config = await GetJsonAsync(client, "api/v1/debug/config");

        var model = config.GetProperty("platforms").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "claude").GetProperty("models")[0];
        Assert.Equal(JsonValueKind.Null, model.GetProperty("cache_write_price").ValueKind);
        var smart = config.GetProperty("catalog").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "smart");
        Assert.Equal(JsonValueKind.Null, smart.GetProperty("user_cache_write_price").ValueKind);
    }

    [Fact]
    public async Task PriceImport_CacheCreationCosts_PriceTheNextRequestsWrites()
    {
        using var client = _host.CreateClient();
        const string PriceFile = """
            {"claude-test": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
             "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 4e-06, "cache_creation_input_token_cost_above_1hr": 7e-06}}
            """;

        var response = await client.PostAsync("api/admin/prices/import", new StringContent(PriceFile, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var change = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("changes").EnumerateArray()).GetProperty("new");
        Assert.Equal((4m, 7m), (change.GetProperty("cache_write_price_per_million").GetDecimal(), change.GetProperty("cache_write_1h_price_per_million").GetDecimal()));
        await ChatAsync(client, "smart", stream: false);

        // 40 × 3 + 1000 × 0.3 + 456 × 4 + 100 × 7 + 12 × 15 = 120 + 300 + 1824 + 700 + 180 = 3124 per 1M.
        Assert.Equal(0.003124m, Assert.Single(await _host.FlushUsageAsync()).ProviderCost);
    }

    private static async Task<string> ChatAsync(HttpClient client, string model, bool stream)
    {
        var body = JsonSerializer.Serialize(new { model, stream, stream_options = stream ? new { include_usage = true } : null, messages = new[] { new { role = "user", content = "Hello" } } });
        var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    private static async Task<JsonElement> PatchAsync(HttpClient client, string body)
    {
        var response = await client.PatchAsync("api/admin/catalog", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
