using System.Net;
using System.Text.Json;
using Anthropic.Models.Messages;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Anthropic;

/// <summary>Checks <c>POST /v1/messages/count_tokens</c>: the local estimate where the upstream has no count, the Anthropic upstream's own count (and the body it is asked with), the fallback when that count fails, and the errors; a count writes no usage record.</summary>
public sealed class CountTokensTests
{
    private const string UpstreamCount = """{"input_tokens":1234}""";

    public static TheoryData<string> EstimatedKinds => new() { "demo", "openai", "gemini" };

    [Theory]
    [MemberData(nameof(EstimatedKinds))]
    public async Task UpstreamWithoutCount_AnswersTheEstimate_GrowingWithTheText(string kind)
    {
        await using var gateway = await AnthropicGateway.StartAsync(kind);

        var (shortStatus, shortBody) = await PostAsync(gateway, Body("Hi"));
        var (longStatus, longBody) = await PostAsync(gateway, Body(string.Join(' ', Enumerable.Repeat("the quick brown fox jumps over the lazy dog", 50))));

        Assert.Equal(HttpStatusCode.OK, shortStatus);
        Assert.Equal(HttpStatusCode.OK, longStatus);
        var few = InputTokens(shortBody);
        var many = InputTokens(longBody);
        Assert.True(few > 0, $"estimate {few}");
        Assert.True(many > few + 100, $"estimates {few} then {many}");
        Assert.Empty(await gateway.Host.FlushUsageAsync());
        Assert.Empty(gateway.Upstream?.Requests ?? []);
    }

    [Fact]
    public async Task AnthropicUpstream_AnswersItsOwnCount_AskedWithTheClientsPromptOnly()
    {
        await using var gateway = await AnthropicGateway.StartAsync("anthropic", CountingAnthropic(200, UpstreamCount));

        var (status, body) = await PostAsync(gateway, """
            {"model":"chat","max_tokens":1024,"temperature":0.5,"stop_sequences":["END"],"metadata":{"user_id":"u1"},"stream":true,
             "system":[{"type":"text","text":"Be terse.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
             "thinking":{"type":"enabled","budget_tokens":2048}}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1234, InputTokens(body));
        var sent = Assert.Single(gateway.Upstream!.Requests);
        Assert.Equal("/v1/messages/count_tokens", sent.Path);
        Assert.Equal(AnthropicGateway.UpstreamKey, sent.Header("x-api-key"));
        using var json = sent.Json();
        var root = json.RootElement;
        Assert.Equal("claude-test", root.GetProperty("model").GetString());
        Assert.Equal("Weather in Paris?", root.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("Be terse.", root.GetProperty("system")[0].GetProperty("text").GetString());
        Assert.Equal("ephemeral", root.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("get_weather", root.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal(2048, root.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        foreach (var refused in new[] { "max_tokens", "temperature", "stop_sequences", "metadata", "stream" })
        {
            Assert.False(root.TryGetProperty(refused, out _), refused + " was sent to count_tokens");
        }

        Assert.Empty(await gateway.Host.FlushUsageAsync());
    }

    [Fact]
    public async Task AnthropicUpstreamCountFails_AnswersTheEstimate()
    {
        await using var gateway = await AnthropicGateway.StartAsync("anthropic", CountingAnthropic(500, """{"type":"error","error":{"type":"api_error","message":"boom"}}"""));

        var (status, body) = await PostAsync(gateway, Body("Hello there"));

        Assert.Equal(HttpStatusCode.OK, status);
        var tokens = InputTokens(body);
        Assert.InRange(tokens, 1, 100);
        Assert.Equal("/v1/messages/count_tokens", Assert.Single(gateway.Upstream!.Requests).Path);

        // A failed count is not a failed chat: the source still serves the next message.
        var message = await gateway.Client.Messages.Create(new MessageCreateParams { Model = "chat", MaxTokens = 64, Messages = [new UserMessageParam { Content = "Hi" }] });
        Assert.Equal("end_turn", message.StopReason!.Raw());
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model")]
    [InlineData("""{"model":"chat"}""", "messages")]
    [InlineData("""{"model":"chat","max_tokens":"5","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"chat","messages":[{"role":"system","content":"Hi"}]}""", "messages.0.role")]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"t"}]}""", "tools.0.input_schema")]
    public async Task BadBody_Is400InvalidRequestErrorNamingTheField(string json, string field)
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");

        var (status, body) = await PostAsync(gateway, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(field + ":", AssertAnthropicError(body, "invalid_request_error").GetProperty("message").GetString());
        Assert.Empty(await gateway.Host.FlushUsageAsync());
    }

    [Fact]
    public async Task UnknownModel_Is404NotFoundError()
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");

        var (status, body) = await PostAsync(gateway, """{"model":"no-such-model","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertAnthropicError(body, "not_found_error");
    }

    [Fact]
    public async Task BadKey_Is401AuthenticationError()
    {
        await using var gateway = await AnthropicGateway.StartAsync("anthropic", CountingAnthropic(200, UpstreamCount));

        var (status, body) = await PostAsync(gateway, Body("Hi"), key: "sk-not-a-real-key-000000");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertAnthropicError(body, "authentication_error");
        Assert.Empty(gateway.Upstream!.Requests);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("anthropic")]
    public async Task Sdk_CountTokens_ReadsTheCount(string kind)
    {
        await using var gateway = await AnthropicGateway.StartAsync(kind, kind == "anthropic" ? CountingAnthropic(200, UpstreamCount) : null);

        var count = await gateway.Client.Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "chat",
            System = "Be terse.",
            Messages = [new UserMessageParam { Content = "How many tokens is this?" }],
        });

        if (kind == "anthropic")
        {
            Assert.Equal(1234, count.InputTokens);
        }
        else
        {
            Assert.InRange(count.InputTokens, 5, 100);
        }
    }

    /// <summary>An Anthropic upstream that answers count_tokens with <paramref name="status"/> and <paramref name="json"/> and every other call as the usual Anthropic fake.</summary>
    private static Func<Microsoft.AspNetCore.Http.HttpContext, RecordedRequest, Task> CountingAnthropic(int status, string json)
    {
        var messages = ProtocolFakes.Handler("anthropic");
        return (ctx, request) => request.Path.EndsWith("/messages/count_tokens", StringComparison.Ordinal)
            ? FakeUpstream.Json(ctx, status, json)
            : messages(ctx, request);
    }

    private static string Body(string text) =>
        JsonSerializer.Serialize(new { model = "chat", messages = new[] { new { role = "user", content = text } } });

    private static long InputTokens(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Single(root.EnumerateObject());
        return root.GetProperty("input_tokens").GetInt64();
    }

    private static JsonElement AssertAnthropicError(string body, string type) => AnthropicGateway.AssertError(body, type);

    private static Task<(HttpStatusCode Status, string Body)> PostAsync(AnthropicGateway gateway, string json, string key = GatewayHost.AdminKey) =>
        gateway.PostAsync("/v1/messages/count_tokens", json, key);
}
