using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Anthropic;

/// <summary>Checks <c>/v1/messages</c> on the wire: the exact SSE event sequence, the error shape and status of every failure, hostile bodies, and the passthrough of a Claude Code request.</summary>
public sealed class MessagesWireTests
{
    /// <summary>The routes that read a Messages body: hostile bodies must be a 400 on each.</summary>
    private static readonly string[] Routes = ["/v1/messages", "/v1/messages/count_tokens"];

    private const string Hello = """{"model":"chat","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public async Task Stream_FromOpenAIUpstream_WritesAnthropicSequenceWithFinalUsage()
    {
        await using var gateway = await AnthropicGateway.StartAsync("openai");

        var (status, body) = await PostAsync(gateway, """{"model":"chat","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var events = Events(body);
        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        var start = events[0].Data.GetProperty("message");
        Assert.StartsWith("msg_", start.GetProperty("id").GetString());
        Assert.Equal("chat", start.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, start.GetProperty("stop_reason").ValueKind);
        Assert.Equal("text", events[1].Data.GetProperty("content_block").GetProperty("type").GetString());
        Assert.Equal(ProtocolFakes.Greeting, string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e => e.Data.GetProperty("delta").GetProperty("text").GetString())));
        var delta = events[^2].Data;
        Assert.Equal("end_turn", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        var (prompt, completion, cached) = ProtocolFakes.Usage["openai"];
        Assert.Equal(prompt - cached, delta.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(cached, delta.GetProperty("usage").GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(0, delta.GetProperty("usage").GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(completion, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Single(await gateway.Host.FlushUsageAsync());
    }

    [Fact]
    public async Task Stream_ToolCallFromOpenAIUpstream_IsOneToolUseBlockWithInputJsonDeltas()
    {
        await using var gateway = await AnthropicGateway.StartAsync("openai");

        var (_, body) = await PostAsync(gateway, """
            {"model":"chat","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Weather?"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],"tool_choice":{"type":"any"}}
            """);

        var events = Events(body);
        Assert.Equal(["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], events.Select(e => e.Name));
        var block = events[1].Data.GetProperty("content_block");
        Assert.Equal("tool_use", block.GetProperty("type").GetString());
        Assert.Equal("call_abc", block.GetProperty("id").GetString());
        Assert.Equal("get_weather", block.GetProperty("name").GetString());
        Assert.Equal(ProtocolFakes.ToolArguments, string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e => e.Data.GetProperty("delta").GetProperty("partial_json").GetString())));
        Assert.Equal("tool_use", events[^2].Data.GetProperty("delta").GetProperty("stop_reason").GetString());
        using var sent = gateway.Upstream!.LastRequest.Json();
        Assert.Equal("required", sent.RootElement.GetProperty("tool_choice").GetString());
        Assert.True(sent.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Theory]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens")]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""", "model")]
    [InlineData("""{"model":"chat","max_tokens":5}""", "messages")]
    [InlineData("""{"model":"chat","max_tokens":"5","messages":[{"role":"user","content":"Hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"chat","max_tokens":5,"messages":[{"role":"system","content":"Hi"}]}""", "messages.0.role")]
    [InlineData("""{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":5}]}""", "messages.0.content")]
    [InlineData("""{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64"}}]}]}""", "messages.0.content.0.source.media_type")]
    [InlineData("""{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],"tools":[{"name":"t"}]}""", "tools.0.input_schema")]
    [InlineData("""{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],"tool_choice":{"type":"maybe"}}""", "tool_choice.type")]
    [InlineData("""{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],"temperature":3}""", "temperature")]
    [InlineData("""{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"Hi"}],"thinking":{"type":"enabled"}}""", "thinking.budget_tokens")]
    public async Task BadRequest_Is400InvalidRequestErrorNamingTheField(string json, string field)
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");

        var (status, body) = await PostAsync(gateway, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = AssertAnthropicError(body, "invalid_request_error");
        Assert.StartsWith(field + ":", error.GetProperty("message").GetString());
        var record = await gateway.SingleUsageAsync();
        Assert.Equal(400, record.HttpStatus);
    }

    [Theory]
    [InlineData("{\"model\":\"chat\",")]
    [InlineData("[1,2]")]
    [InlineData("{\"model\":\"chat\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"\\ud800\"}]}")]
    [InlineData("{\"model\":\"\\udfff\",\"max_tokens\":5,\"messages\":[]}")]
    public async Task HostileBody_Is400InAnthropicShape(string json)
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");

        foreach (var path in Routes)
        {
            var (status, body) = await gateway.PostAsync(path, json);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            AssertAnthropicError(body, "invalid_request_error");
        }
    }

    [Fact]
    public async Task DeeplyNestedBody_Is400InAnthropicShape()
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");
        var deep = new string('[', 5000) + new string(']', 5000);

        foreach (var path in Routes)
        {
            var (status, body) = await gateway.PostAsync(path, "{\"model\":\"chat\",\"max_tokens\":5,\"metadata\":" + deep + ",\"messages\":[]}");

            Assert.Equal(HttpStatusCode.BadRequest, status);
            AssertAnthropicError(body, "invalid_request_error");
        }
    }

    [Fact]
    public async Task HugeBody_Is413RequestTooLarge()
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");
        var huge = "{\"model\":\"chat\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('a', 40 * 1024 * 1024) + "\"}]}";

        var (status, body) = await PostAsync(gateway, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        AssertAnthropicError(body, "request_too_large");
    }

    [Fact]
    public async Task UnknownModel_Is404NotFoundError()
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");

        var (status, body) = await PostAsync(gateway, """{"model":"no-such-model","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertAnthropicError(body, "not_found_error");
        Assert.Single(await gateway.Host.FlushUsageAsync());
    }

    [Fact]
    public async Task BadKey_Is401AuthenticationErrorWithRequestId()
    {
        await using var gateway = await AnthropicGateway.StartAsync("demo");

        var (status, body) = await PostAsync(gateway, Hello, key: "sk-not-a-real-key-000000");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var root = JsonDocument.Parse(body).RootElement;
        AssertAnthropicError(body, "authentication_error");
        Assert.StartsWith("req_", root.GetProperty("request_id").GetString());
    }

    [Theory]
    [InlineData(429, HttpStatusCode.TooManyRequests, "rate_limit_error")]
    [InlineData(500, HttpStatusCode.BadGateway, "api_error")]
    public async Task UpstreamFailureBeforeFirstByte_IsAnthropicError(int upstreamStatus, HttpStatusCode expected, string type)
    {
        await using var gateway = await AnthropicGateway.StartAsync("openai", (ctx, _) =>
            FakeUpstream.Json(ctx, upstreamStatus, """{"error":{"message":"upstream says no","type":"server_error","code":null}}"""));

        foreach (var stream in new[] { false, true })
        {
            var (status, body) = await PostAsync(gateway, Hello.Replace("\"max_tokens\":64", $"\"max_tokens\":64,\"stream\":{(stream ? "true" : "false")}", StringComparison.Ordinal));

            Assert.Equal(expected, status);
            AssertAnthropicError(body, type);
            Assert.DoesNotContain(AnthropicGateway.UpstreamKey, body, StringComparison.Ordinal);
        }

        Assert.Equal(2, (await gateway.Host.FlushUsageAsync()).Count);
    }

    [Fact]
    public async Task UpstreamCutAfterFirstByte_EndsStreamWithErrorEvent()
    {
        await using var gateway = await AnthropicGateway.StartAsync("openai", async (ctx, _) =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.WriteAsync("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n");
            await ctx.Response.Body.FlushAsync();

            // Give the gateway time to read the first event, so the cut comes after the client's first byte.
            await Task.Delay(TimeSpan.FromSeconds(1));
            ctx.Abort();
        });

        var (status, body) = await PostAsync(gateway, """{"model":"chat","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var events = Events(body);
        Assert.Equal("message_start", events[0].Name);
        Assert.Equal("error", events[^1].Name);
        Assert.Equal("error", events[^1].Data.GetProperty("type").GetString());
        Assert.Equal("api_error", events[^1].Data.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain(events, e => e.Name == "message_stop");
        var record = await gateway.SingleUsageAsync();
        Assert.Equal("error", record.Status);
    }

    [Fact]
    public async Task ClaudeCodeRequest_PassesThroughToAnthropicUnchangedButForModel()
    {
        await using var gateway = await AnthropicGateway.StartAsync("anthropic");
        var sent = ClaudeCodeBody(stream: true);

        var (status, body) = await PostAsync(gateway, sent, beta: "interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14");

        Assert.Equal(HttpStatusCode.OK, status);
        var upstream = gateway.Upstream!.LastRequest;
        Assert.Equal("interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14", upstream.Header("anthropic-beta"));
        using var received = upstream.Json();
        Assert.Equal("claude-test", received.RootElement.GetProperty("model").GetString());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(WithoutModel(sent), WithoutModel(upstream.BodyText)), upstream.BodyText);

        // The upstream's own events reach the client unchanged (its ping included).
        var events = Events(body);
        Assert.Contains(events, e => e.Name == "ping");
        Assert.Equal("msg_up", events[0].Data.GetProperty("message").GetProperty("id").GetString());
        var record = await gateway.SingleUsageAsync();
        Assert.Equal(25, record.Tokens.InputTokens);
        Assert.Equal(5, record.Tokens.CachedInputTokens);
        Assert.Equal(9, record.Tokens.OutputTokens);
    }

    [Fact]
    public async Task NonStreamingPassthrough_ReturnsTheUpstreamMessageAsIs()
    {
        await using var gateway = await AnthropicGateway.StartAsync("anthropic");

        var (status, body) = await PostAsync(gateway, ClaudeCodeBody(stream: false));

        Assert.Equal(HttpStatusCode.OK, status);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("msg_up", root.GetProperty("id").GetString());
        Assert.Equal("tool_use", root.GetProperty("stop_reason").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("content")[0].GetProperty("input").ValueKind);
        Assert.False(JsonDocument.Parse(gateway.Upstream!.LastRequest.BodyText).RootElement.TryGetProperty("stream", out _));
    }

    /// <summary>A request as Claude Code sends it (from Anthropic's public docs): system blocks and a tool with cache_control, thinking, metadata.user_id, a server tool and context management.</summary>
    private static string ClaudeCodeBody(bool stream) => $$$"""
        {"model":"chat","max_tokens":32000,"stream":{{{(stream ? "true" : "false")}}},
         "system":[{"type":"text","text":"You are Claude Code, Anthropic's official CLI for Claude."},
                   {"type":"text","text":"Working directory: /home/dev/project","cache_control":{"type":"ephemeral"}}],
         "messages":[{"role":"user","content":[{"type":"text","text":"<system-reminder>context</system-reminder>"},
                                               {"type":"text","text":"List the files","cache_control":{"type":"ephemeral","ttl":"1h"}}]}],
         "tools":[{"name":"Bash","description":"Runs a shell command","input_schema":{"type":"object","properties":{"command":{"type":"string"}},"required":["command"],"additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"}},
                  {"name":"Read","description":"Reads a file","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]},"cache_control":{"type":"ephemeral"}},
                  {"type":"web_search_20250305","name":"web_search","max_uses":5}],
         "thinking":{"type":"enabled","budget_tokens":31999},
         "metadata":{"user_id":"user_2f6c_account_9a1b_session_77e3"},
         "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},
         "temperature":1}
        """;

    private static System.Text.Json.Nodes.JsonObject WithoutModel(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("model");
        return node;
    }

    private static JsonElement AssertAnthropicError(string body, string type) => AnthropicGateway.AssertError(body, type);

    private static Task<(HttpStatusCode Status, string Body)> PostAsync(AnthropicGateway gateway, string json, string key = GatewayHost.AdminKey, string? beta = null) =>
        gateway.PostAsync("/v1/messages", json, key, beta);

    private static List<(string Name, JsonElement Data)> Events(string body)
    {
        var events = new List<(string, JsonElement)>();
        foreach (var raw in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = raw.Split('\n');
            Assert.StartsWith("event: ", lines[0]);
            Assert.StartsWith("data: ", lines[1]);
            Assert.Equal(2, lines.Length);
            events.Add((lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone()));
        }

        return events;
    }
}
