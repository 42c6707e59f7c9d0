using System.Net;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Responses;

/// <summary>Checks /v1/responses on the wire: its errors in OpenAI's shape and status, hostile bodies, upstream failures before and after the first byte, and who sees a stored response.</summary>
public sealed class ResponsesHttpTests
{
    public static TheoryData<string, string, string?, string> BadBodies => new()
    {
        { "{", "invalid_json", null, "bad JSON" },
        { """{"input":"hi"}""", "missing_required_parameter", "model", "no model" },
        { """{"model":"chat"}""", "missing_required_parameter", "input", "no input" },
        { """{"model":"chat","input":5}""", "invalid_type", "input", "input of the wrong type" },
        { """{"model":7,"input":"hi"}""", "invalid_type", "model", "model of the wrong type" },
        { """{"model":"chat","input":[{"role":"robot","content":"hi"}]}""", "invalid_value", "input[0].role", "unknown role" },
        { """{"model":"chat","input":[{"type":"message","role":"user"}]}""", "missing_required_parameter", "input[0].content", "message without content" },
        { """{"model":"chat","input":[{"type":"function_call_output","output":"x"}]}""", "missing_required_parameter", "input[0].call_id", "output without call id" },
        { """{"model":"chat","input":[{"type":"web_search_call","id":"ws_1"}]}""", "unsupported_parameter", "input[0].type", "built-in tool item" },
        { """{"model":"chat","input":"hi","tools":[{"type":"web_search"}]}""", "unsupported_parameter", "tools[0].type", "built-in tool" },
        { """{"model":"chat","input":"hi","tools":[{"type":"function"}]}""", "missing_required_parameter", "tools[0].name", "function without name" },
        { """{"model":"chat","input":"hi","tool_choice":"sometimes"}""", "invalid_value", "tool_choice", "bad tool choice" },
        { """{"model":"chat","input":"hi","text":{"format":{"type":"json_schema","name":"x"}}}""", "missing_required_parameter", "text.format.schema", "schema format without schema" },
        { """{"model":"chat","input":"hi","max_output_tokens":0}""", "invalid_value", "max_output_tokens", "zero output cap" },
        { """{"model":"chat","input":"hi","temperature":"hot"}""", "invalid_type", "temperature", "temperature of the wrong type" },
        { """{"model":"chat","input":"hi","temperature":9}""", "invalid_value", "temperature", "temperature out of range" },
        { """{"model":"chat","input":"hi","stream":"yes"}""", "invalid_type", "stream", "stream of the wrong type" },
        { """{"model":"chat","input":"hi","metadata":{"a":1}}""", "invalid_type", "metadata.a", "metadata value not a string" },
        { """{"model":"chat","input":"hi","background":true}""", "unsupported_parameter", "background", "background mode" },
        { """{"model":"chat","input":"\ud800"}""", "invalid_text", "input", "lone surrogate" },
        { """{"model":"chat","input":[{"role":"user","content":[{"type":"input_image","file_id":"file_1"}]}]}""", "unsupported_parameter", "input[0].content[0].file_id", "image by file id" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_Is400InOpenAIShape_AndRecordedOnce(string body, string code, string? param, string because)
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();

        var (status, error) = await PostAsync(client, body);

        Assert.True(status == HttpStatusCode.BadRequest, because);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Single(await host.FlushUsageAsync());
    }

    [Fact]
    public async Task DeeplyNestedBody_Is400NotACrash()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();
        var deep = """{"model":"chat","input":""" + new string('[', 500) + new string(']', 500) + "}";

        var (status, error) = await PostAsync(client, deep);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_json", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OversizeBody_Is413InOpenAIShape()
    {
        await using var host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?> { ["Switchboard:Gateway:MaxRequestBodyBytes"] = "4096" });
        using var client = host.CreateClient();

        var (status, error) = await PostAsync(client, JsonSerializer.Serialize(new { model = "chat", input = new string('x', 10_000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownModel_AndMissingKey_AndUnknownPreviousResponse_AnswerInOpenAIShape()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();
        using var anonymous = host.CreateClient(key: null);

        var (unknownStatus, unknown) = await PostAsync(client, """{"model":"no-such-model","input":"hi"}""");
        var (authStatus, auth) = await PostAsync(anonymous, """{"model":"chat","input":"hi"}""");
        var (previousStatus, previous) = await PostAsync(client, """{"model":"demo","input":"hi","previous_response_id":"resp_missing"}""");

        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Equal("model_not_found", unknown.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, authStatus);
        Assert.Equal("authentication_error", auth.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, previousStatus);
        Assert.Equal("previous_response_not_found", previous.GetProperty("code").GetString());
        Assert.Equal("previous_response_id", previous.GetProperty("param").GetString());
    }

    [Fact]
    public async Task UpstreamFailsBeforeFirstByte_ErrorInOpenAIShape_OneRecord()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 500, OpenAIFakeResponses.Error("boom", "server_error"));
        await using var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml("openai", upstream.BaseUrl, "sk-x"));
        using var client = host.CreateClient();

        var (status, error) = await PostAsync(client, """{"model":"chat","input":"hi","stream":true}""");

        Assert.True((int)status >= 500, $"status {(int)status}");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.DoesNotContain("sk-x", error.GetRawText());
        Assert.Single(await host.FlushUsageAsync());
    }

    [Fact]
    public async Task UpstreamFailsAfterFirstByte_StreamEndsWithResponseFailed_NotStored()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["partial"]).Take(3).ToArray());
            await Task.Delay(300);
            ctx.Abort();
        };
        await using var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml("openai", upstream.BaseUrl, "sk-x"));
        using var client = host.CreateClient();

        using var response = await client.PostAsync("v1/responses", Json("""{"model":"chat","input":"hi","stream":true}"""));
        var events = Events(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("response.created", events[0].Name);
        Assert.Contains(events, e => e.Name == "response.output_text.delta" && e.Data.GetProperty("delta").GetString() == "partial");
        var (name, last) = events[^1];
        Assert.Equal("response.failed", name);
        Assert.Equal("failed", last.GetProperty("response").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(last.GetProperty("response").GetProperty("error").GetProperty("message").GetString()));
        Assert.DoesNotContain(events, e => e.Name == "response.completed");
        Assert.All(events, e => Assert.Equal(e.Name, e.Data.GetProperty("type").GetString()));
        var id = events[0].Data.GetProperty("response").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"v1/responses/{id}")).StatusCode);
        Assert.Single(await host.FlushUsageAsync());
    }

    [Fact]
    public async Task StoredResponses_AreVisibleToTheirOwnerOnly()
    {
        await using var host = await GatewayHost.StartAsync();
        using var admin = host.CreateClient();
        using var alice = host.CreateClient(await CreateKeyAsync(admin, "alice"));
        using var bob = host.CreateClient(await CreateKeyAsync(admin, "bob"));

        var aliceId = await CreateAsync(alice);
        var adminId = await CreateAsync(admin);

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"v1/responses/{aliceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"v1/responses/{adminId}")).StatusCode);
        foreach (var (client, id) in new[] { (bob, aliceId), (admin, aliceId), (alice, adminId) })
        {
            using var read = await client.GetAsync($"v1/responses/{id}");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            Assert.Equal("invalid_request_error", JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"v1/responses/{id}")).StatusCode);
        }

        var (continueStatus, continueError) = await PostAsync(bob, JsonSerializer.Serialize(new { model = "demo", input = "more", previous_response_id = aliceId }));
        Assert.Equal(HttpStatusCode.BadRequest, continueStatus);
        Assert.Equal("previous_response_not_found", continueError.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"v1/responses/{aliceId}")).StatusCode);
    }

    [Fact]
    public async Task Response_EchoesRequestFields_AndMapsTextFormatAndReasoning()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = ProtocolFakes.Handler("openai");
        await using var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml("openai", upstream.BaseUrl, "sk-x"));
        using var client = host.CreateClient();
        var body = """
            {"model":"chat","instructions":"Answer in JSON.","input":[{"role":"developer","content":"Be terse."},{"role":"user","content":[{"type":"input_text","text":"Hi"},{"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}]}],
             "text":{"format":{"type":"json_schema","name":"greeting","schema":{"type":"object"},"strict":true}},"reasoning":{"effort":"low"},
             "max_output_tokens":300,"temperature":0.5,"top_p":0.9,"user":"u-1","metadata":{"k":"v"},"parallel_tool_calls":false,"store":false}
            """;

        using var response = await client.PostAsync("v1/responses", Json(body));
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("response", root.GetProperty("object").GetString());
        Assert.Equal("Answer in JSON.", root.GetProperty("instructions").GetString());
        Assert.Equal(300, root.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("v", root.GetProperty("metadata").GetProperty("k").GetString());
        Assert.False(root.GetProperty("store").GetBoolean());
        Assert.False(root.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal("json_schema", root.GetProperty("text").GetProperty("format").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        var sent = JsonDocument.Parse(upstream.LastRequest.Body).RootElement;
        var messages = sent.GetProperty("messages");
        Assert.Equal(["system", "developer", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("image_url", messages[2].GetProperty("content")[1].GetProperty("type").GetString());
        Assert.Equal("greeting", sent.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal("low", sent.GetProperty("reasoning_effort").GetString());
        Assert.Equal(300, sent.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("u-1", sent.GetProperty("user").GetString());
        Assert.False(sent.TryGetProperty("metadata", out _));
        Assert.False(sent.TryGetProperty("parallel_tool_calls", out _));
    }

    [Fact]
    public async Task LengthCut_IsIncompleteWithReason()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("cut", finish: "length"));
        await using var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml("openai", upstream.BaseUrl, "sk-x"));
        using var client = host.CreateClient();

        using var response = await client.PostAsync("v1/responses", Json("""{"model":"chat","input":"hi","max_output_tokens":16}"""));
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("incomplete", root.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", root.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("cut", root.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    private static async Task<string> CreateAsync(HttpClient client)
    {
        using var response = await client.PostAsync("v1/responses", Json("""{"model":"demo","input":"hi"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> CreateKeyAsync(HttpClient admin, string name)
    {
        using var created = await admin.PostAsync("api/admin/keys", Json(JsonSerializer.Serialize(new { name })));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Error)> PostAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("v1/responses", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.GetProperty("error"));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static List<(string Name, JsonElement Data)> Events(string text)
    {
        var events = new List<(string, JsonElement)>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var name = lines.Single(l => l.StartsWith("event: ", StringComparison.Ordinal))["event: ".Length..];
            var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            events.Add((name, JsonDocument.Parse(data).RootElement.Clone()));
        }

        return events;
    }
}
