using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Storage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Pricing;

/// <summary>Imports a LiteLLM price file through the admin route and checks that the next request is costed at the new prices.</summary>
public sealed class PriceImportTests : IAsyncLifetime
{
    private const string PriceFile = """
        {
            "sample_spec": { "input_cost_per_token": 0.0, "litellm_provider": "one of https://docs.litellm.ai/docs/providers", "max_input_tokens": "max input tokens" },
            "gpt-test": { "input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07, "cache_read_input_token_cost": 7.5e-08, "max_input_tokens": 128000, "litellm_provider": "openai", "mode": "chat" },
            "openai/gpt-test": "not an entry",
            "dall-e-3": { "output_cost_per_image": 0.04, "mode": "image_generation" }
        }
        """;

    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok", prompt: 1200, completion: 300));
        _host = await GatewayHost.StartAsync(
            $"platforms:\n  up:\n    kind: openai\n    base_url: {_upstream.BaseUrl}v1\n    api_key: sk-upstream-price-test\n    models:\n      m: gpt-test\n      other: my-finetune\n");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Import_DryRunChangesNothing_ThenApplyCostsTheNextRequestAtTheNewPrices()
    {
        using var client = _host.CreateClient();
        await ChatAsync(client);

        var dry = await ImportAsync(client, PriceFile, "?dry_run=true");
        Assert.True(dry.GetProperty("dry_run").GetBoolean());
        Assert.Equal(0, dry.GetProperty("updated").GetInt32());
        var change = Assert.Single(dry.GetProperty("changes").EnumerateArray());
        // "openai/gpt-test" is tried first but is not an object, so the bare key prices the model.
        Assert.Equal(("up", "m", "gpt-test", "gpt-test"), (Text(change, "platform"), Text(change, "model"), Text(change, "upstream_model"), Text(change, "price_key")));
        Assert.Equal(0m, change.GetProperty("old").GetProperty("input_price_per_million").GetDecimal());
        Assert.Equal(0.15m, change.GetProperty("new").GetProperty("input_price_per_million").GetDecimal());
        Assert.Equal(0.6m, change.GetProperty("new").GetProperty("output_price_per_million").GetDecimal());
        Assert.Equal(0.075m, change.GetProperty("new").GetProperty("cached_input_price_per_million").GetDecimal());
        Assert.Equal(128000, change.GetProperty("new").GetProperty("context_window").GetInt32());
        var unmatched = dry.GetProperty("unmatched").EnumerateArray().Select(u => Text(u, "upstream_model")).ToList();
        Assert.Contains("my-finetune", unmatched);
        Assert.DoesNotContain("gpt-test", unmatched);
        Assert.Contains(dry.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("'openai/gpt-test'", StringComparison.Ordinal));

        // The dry run wrote nothing: stored prices and the next request's cost are still zero.
        Assert.Equal(0m, await StoredInputPriceAsync());
        await ChatAsync(client);
        var beforeApply = await _host.FlushUsageAsync();
        Assert.Equal(2, beforeApply.Count);
        Assert.All(beforeApply, r => Assert.Equal(0m, r.ProviderCost));

        var applied = await ImportAsync(client, PriceFile, "?dry_run=false");
        Assert.False(applied.GetProperty("dry_run").GetBoolean());
        Assert.Equal(1, applied.GetProperty("updated").GetInt32());
        Assert.Equal(0.15m, await StoredInputPriceAsync());

        await ChatAsync(client);
        var record = (await _host.FlushUsageAsync()).Single(r => beforeApply.All(b => b.RequestId != r.RequestId));
        Assert.Equal((1200, 300), (record.Tokens.InputTokens, record.Tokens.OutputTokens));
        // Cached input tokens (the fake reports some) are billed at the imported cache-read price.
        var cached = record.Tokens.CachedInputTokens;
        Assert.True(cached > 0);
        Assert.Equal((((1200 - cached) * 0.15m) + (cached * 0.075m) + (300 * 0.6m)) / 1_000_000m, record.ProviderCost);
        Assert.Equal("Bearer sk-upstream-price-test", _upstream.LastRequest.Header("Authorization"));

        var usage = await client.GetFromJsonAsync<JsonElement>("api/v1/status/usage?period=total");
        Assert.Equal(record.ProviderCost, usage.GetProperty("totals").GetProperty("provider_cost").GetDecimal());

        // Importing the same file again finds everything current.
        var again = await ImportAsync(client, PriceFile, "");
        Assert.Equal((0, 1), (again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Empty(again.GetProperty("changes").EnumerateArray());
    }

    [Theory]
    [InlineData("[1, 2]", "line 1, column 1 starts an array")]
    [InlineData("{\"a\": {", "not valid JSON at line 1")]
    public async Task Import_BadFile_Is400NamingThePosition(string body, string expected)
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsync("api/admin/prices/import", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("invalid_price_file", Text(error, "code"));
        Assert.Contains(expected, Text(error, "message"), StringComparison.Ordinal);
        Assert.Equal(0m, await StoredInputPriceAsync());
    }

    [Fact]
    public async Task Import_BadDryRunFlag_Is400NamingTheParameter()
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsync("api/admin/prices/import?dry_run=maybe", new StringContent(PriceFile, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("dry_run", Text((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error"), "param"));
        Assert.Equal(0m, await StoredInputPriceAsync());
    }

    [Fact]
    public async Task Import_WithoutAdminKey_IsRefused()
    {
        using var client = _host.CreateClient(key: null);

        using var response = await client.PostAsync("api/admin/prices/import", new StringContent(PriceFile, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0m, await StoredInputPriceAsync());
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string file, string query)
    {
        using var response = await client.PostAsync("api/admin/prices/import" + query, new StringContent(file, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ChatAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "m", messages = new[] { new { role = "user", content = "price me" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<decimal> StoredInputPriceAsync() =>
        (await _host.Services.GetRequiredService<ISwitchboardStore>().LoadAsync(CancellationToken.None)).Models.Single(m => m.UpstreamModel == "gpt-test").InputPricePerMillion;

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
