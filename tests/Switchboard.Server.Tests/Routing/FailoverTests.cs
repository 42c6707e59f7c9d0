using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>Checks failover across sources that share a display name, before the first byte only, billed once.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private FakeUpstream _primary = null!;
    private FakeUpstream _secondary = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _primary = await FakeUpstream.StartAsync();
        _secondary = await FakeUpstream.StartAsync();
        _secondary.Handler = (ctx, r) => r.Json().RootElement.TryGetProperty("stream", out _)
            ? FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["from ", "secondary"]))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from secondary"));
        _host = await GatewayHost.StartAsync($$"""
            platforms:
              primary:
                kind: openai
                base_url: {{_primary.BaseUrl}}v1
                api_key: sk-primary-0001
                models: { shared: gpt-a }
              secondary:
                kind: openai
                base_url: {{_secondary.BaseUrl}}v1
                api_key: sk-secondary-0002
                models: { shared: gpt-b }
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _primary.DisposeAsync();
        await _secondary.DisposeAsync();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(401)]
    public async Task ChatCompletion_PrimaryFails_SecondaryAnswersAndOneRecordIsBilled(int status)
    {
        _primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, status, OpenAIFakeResponses.Error("primary down", "server_error"));
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from secondary", await response.Content.ReadAsStringAsync());
        Assert.Equal("2", response.Headers.GetValues("X-Switchboard-Attempts").Single());
        Assert.Equal("1", response.Headers.GetValues("X-Switchboard-Fallbacks").Single());
        Assert.Equal("secondary%2Fshared", response.Headers.GetValues("X-Switchboard-Source").Single());
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal("secondary", record.Platform);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(11, record.Tokens.InputTokens);
    }

    [Fact]
    public async Task Stream_PrimaryResetsBeforeFirstByte_SecondaryStreamsWholeAnswer()
    {
        _primary.Handler = (ctx, _) => FakeUpstream.Reset(ctx);
        using var client = _host.CreateClient();
        var body = new StringContent(JsonSerializer.Serialize(new { model = "shared", stream = true, messages = new[] { new { role = "user", content = "hi" } } }), Encoding.UTF8, "application/json");

        var text = await (await client.PostAsync("v1/chat/completions", body)).Content.ReadAsStringAsync();

        var data = SseParser.DataLines(text);
        Assert.Equal("[DONE]", data[^1]);
        Assert.DoesNotContain(data, d => d.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Contains("secondary", text);
        Assert.Single(await _host.FlushUsageAsync());
    }

    [Fact]
    public async Task ChatCompletion_ClientError_IsNotRetried()
    {
        _primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, 400, OpenAIFakeResponses.Error("bad parameter foo", "invalid_request_error"));
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad parameter foo", await response.Content.ReadAsStringAsync());
        Assert.Empty(_secondary.Requests);
    }

    [Fact]
    public async Task ChatCompletion_RateLimitedKey_CoolsDownAndIsSkipped()
    {
        _primary.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, OpenAIFakeResponses.Error("slow down", "rate_limit_error"), ("Retry-After", "30"));
        using var client = _host.CreateClient();

        await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "1" } } });
        var primaryCalls = _primary.Requests.Count;
        await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "2" } } });

        Assert.Equal(primaryCalls, _primary.Requests.Count);
        Assert.Equal(2, _secondary.Requests.Count);
    }
}
