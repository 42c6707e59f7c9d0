using System.Net;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Classic;

/// <summary>The original service's chat routes over loopback: the body's translation, the provider filter, streaming, and refusals in the OpenAI shape.</summary>
public sealed class ClassicChatTests : IAsyncLifetime
{
    private ClassicGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await ClassicGateway.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Complete_ParametersBecomeChatFields_AndTheRouteDecidesStream()
    {
        using var client = _gateway.Host.CreateClient();

        var response = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("shared", provider: "deepseek",
            parameters: new Dictionary<string, object> { ["temperature"] = 0.3, ["top_p"] = 0.9, ["max_tokens"] = 20, ["seed"] = 7, ["stream"] = true }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var answer = await ClassicGateway.JsonAsync(response);
        Assert.Equal("chat.completion", answer.GetProperty("object").GetString());
        Assert.Equal(ClassicGateway.FirstAnswer, answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(11, answer.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        using var sent = _gateway.First.LastRequest.Json();
        var upstream = sent.RootElement;
        Assert.Equal("gpt-a", upstream.GetProperty("model").GetString());
        Assert.Equal(0.3, upstream.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, upstream.GetProperty("top_p").GetDouble());
        Assert.Equal(20, upstream.GetProperty("max_tokens").GetInt32());
        Assert.Equal(7, upstream.GetProperty("seed").GetInt32());
        Assert.False(upstream.TryGetProperty("stream", out var stream) && stream.GetBoolean(), "the non-stream route must not stream, whatever parameters say");
        Assert.False(upstream.TryGetProperty("model_name", out _));
        Assert.False(upstream.TryGetProperty("parameters", out _));
        Assert.Equal("Hello", upstream.GetProperty("messages")[0].GetProperty("content").GetString());

        var record = Assert.Single(await _gateway.Host.FlushUsageAsync());
        Assert.Equal("classic", record.Protocol);
        Assert.Equal("chat", record.Endpoint);
        Assert.Equal("shared", record.CatalogModel);
        Assert.Equal("first", record.Platform);
        Assert.Equal("success", record.Status);
    }

    [Fact]
    public async Task Stream_AnswersSseChunksEndingWithDone_EvenWhenParametersSayNotToStream()
    {
        using var client = _gateway.Host.CreateClient();

        var response = await ClassicGateway.PostAsync(client, "api/v1/chat/completions/stream", ClassicGateway.Body("shared", provider: "anthropic",
            parameters: new Dictionary<string, object> { ["stream"] = false, ["max_tokens"] = 50 }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var data = SseParser.DataLines(body);
        Assert.Equal("[DONE]", data[^1]);
        var chunks = SseParser.Chunks(body);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
            .Select(d => d.GetProperty("content").GetString()));
        Assert.Equal(ProtocolFakes.Greeting, text);
        using var sent = _gateway.Second.LastRequest.Json();
        Assert.True(sent.RootElement.GetProperty("stream").GetBoolean());
        Assert.Equal("claude-test", sent.RootElement.GetProperty("model").GetString());
        Assert.Empty(_gateway.First.Requests);
        var record = Assert.Single(await _gateway.Host.FlushUsageAsync());
        Assert.Equal("classic", record.Protocol);
        Assert.True(record.Stream);
        Assert.Equal("second", record.Platform);
    }

    [Theory]
    [InlineData("anthropic", "second")]
    [InlineData("SECOND", "second")]
    [InlineData("deepseek", "first")]
    [InlineData("openai", "first")]
    [InlineData("First", "first")]
    public async Task Provider_PicksTheSourceWhoseKindPresetOrPlatformMatches(string provider, string expected)
    {
        using var client = _gateway.Host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var response = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("shared", provider: provider));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(expected == "first" ? 3 : 0, _gateway.First.Requests.Count);
        Assert.Equal(expected == "second" ? 3 : 0, _gateway.Second.Requests.Count);
        Assert.All(await _gateway.Host.FlushUsageAsync(), r => Assert.Equal(expected, r.Platform));
    }

    [Fact]
    public async Task Provider_FilterOnlyNarrows_TheOtherSourceIsNotTriedWhenTheChosenOneFails()
    {
        _gateway.Second.Handler = (ctx, _) => FakeUpstream.Json(ctx, 503, """{"type":"error","error":{"type":"overloaded_error","message":"busy"}}""");
        using var client = _gateway.Host.CreateClient();

        var response = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("shared", provider: "anthropic"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("upstream_overloaded", (await ClassicGateway.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(_gateway.First.Requests);
    }

    [Fact]
    public async Task Provider_NoSourceMatches_Is404NamingProviderAndModel()
    {
        using var client = _gateway.Host.CreateClient();

        var response = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("shared", provider: "gemini"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await ClassicGateway.JsonAsync(response)).GetProperty("error");
        Assert.Equal("provider_not_found", error.GetProperty("code").GetString());
        Assert.Equal("provider", error.GetProperty("param").GetString());
        Assert.Contains("'gemini'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("'shared'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_gateway.First.Requests);
        Assert.Empty(_gateway.Second.Requests);
        Assert.Equal(404, Assert.Single(await _gateway.Host.FlushUsageAsync()).HttpStatus);
    }

    [Fact]
    public async Task DemoModel_AnswersWithoutProvider()
    {
        using var client = _gateway.Host.CreateClient();

        var response = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("demo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await ClassicGateway.JsonAsync(response);
        Assert.Contains("You said: \"Hello\"", answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model_name", "missing_required_parameter")]
    [InlineData("""{"model_name":"shared","messages":"hello"}""", "messages", "invalid_type")]
    [InlineData("""{"model_name":"shared"}""", "messages", "missing_required_parameter")]
    [InlineData("""{"model_name":"shared","messages":[{"content":"x"}]}""", "messages[0].role", "missing_required_parameter")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"parameters":[1]}""", "parameters", "invalid_type")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"parameters":"hot"}""", "parameters", "invalid_type")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"parameters":{"temperature":5}}""", "parameters.temperature", "invalid_value")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"parameters":{"model":"other"}}""", "parameters.model", "invalid_value")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"parameters":{"api_key":"sk-x"}}""", "parameters.api_key", "unsupported_parameter")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"temperature":0.2}""", "temperature", "unknown_parameter")]
    [InlineData("""{"model_name":7,"messages":[{"role":"user","content":"x"}]}""", "model_name", "invalid_type")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"provider":3}""", "provider", "invalid_type")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}],"user_id":{"id":1}}""", "user_id", "invalid_type")]
    [InlineData("""{"model_name":"shared","model_name":"demo","messages":[{"role":"user","content":"x"}]}""", "model_name", "invalid_value")]
    [InlineData("""[{"model_name":"shared"}]""", null, "invalid_json")]
    [InlineData("""{"model_name":"shared","messages":[{"role":"user","content":"x"}]""", null, "invalid_json")]
    public async Task BadInput_Is400InTheOpenAIShape_AndNothingGoesUpstream(string body, string? param, string code)
    {
        using var client = _gateway.Host.CreateClient();

        foreach (var route in new[] { "api/v1/chat/completions", "api/v1/chat/completions/stream" })
        {
            var response = await ClassicGateway.PostRawAsync(client, route, body);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var error = (await ClassicGateway.JsonAsync(response)).GetProperty("error");
            Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            Assert.Equal(code, error.GetProperty("code").GetString());
            if (param is not null)
            {
                Assert.Equal(param, error.GetProperty("param").GetString());
            }
        }

        Assert.Empty(_gateway.First.Requests);
        Assert.Empty(_gateway.Second.Requests);
        var records = await _gateway.Host.FlushUsageAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(400, r.HttpStatus));
        Assert.All(records, r => Assert.Equal("classic", r.Protocol));
    }

    [Fact]
    public async Task IdempotencyKey_RepeatIsReplayedWithoutASecondUpstreamCall()
    {
        using var client = _gateway.Host.CreateClient();
        client.DefaultRequestHeaders.Add("Idempotency-Key", "classic-once-1");

        var first = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("shared", provider: "first"));
        var repeat = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("shared", provider: "first"));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Single(_gateway.First.Requests);
    }

    [Fact]
    public async Task WithoutKey_Is401()
    {
        using var client = _gateway.Host.CreateClient(key: null);

        var response = await ClassicGateway.PostAsync(client, "api/v1/chat/completions", ClassicGateway.Body("demo"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (await ClassicGateway.JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }
}
