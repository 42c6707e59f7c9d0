using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Responses;

/// <summary>A Responses client (Codex) on an OpenAI platform with <c>responses: native</c>: its request reaches the upstream's /responses unchanged but for the model, and the answer comes back unchanged, with one usage record.</summary>
public sealed class ResponsesPassthroughTests : IAsyncLifetime
{
    // A request as Codex sends it (from the public Responses API reference): developer context, a reasoning item with
    // encrypted content, a function call and its output, a function tool, reasoning, include, prompt_cache_key, store false.
    private const string CodexBody = """
        {"model":"codex","instructions":"You are Codex, a coding agent.","input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"<environment_context>cwd=/work</environment_context>"}]},{"type":"message","role":"user","content":[{"type":"input_text","text":"List the files"}]},{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAB-opaque"},{"type":"function_call","id":"fc_1","call_id":"call_1","name":"shell","arguments":"{\"command\":[\"ls\"]}"},{"type":"function_call_output","call_id":"call_1","output":"README.md\nsrc"}],"tools":[{"type":"function","name":"shell","description":"Runs a command","strict":false,"parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}}},"required":["command"]}}],"tool_choice":"auto","parallel_tool_calls":false,"reasoning":{"effort":"medium","summary":"auto"},"store":false,"stream":true,"include":["reasoning.encrypted_content"],"prompt_cache_key":"019a-session","text":{"verbosity":"medium"}}
        """;

    private static readonly string[] UpstreamEvents =
    [
        "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_up\",\"object\":\"response\",\"created_at\":1767225600,\"status\":\"in_progress\",\"model\":\"gpt-5-codex\",\"output\":[]}}\n\n",
        "event: response.reasoning_summary_text.delta\ndata: {\"type\":\"response.reasoning_summary_text.delta\",\"sequence_number\":1,\"item_id\":\"rs_2\",\"output_index\":0,\"summary_index\":0,\"delta\":\"Looking.\"}\n\n",
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":2,\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"Two files.\"}\n\n",
        "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":3,\"response\":{\"id\":\"resp_up\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-5-codex\",\"output\":[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Two files.\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":120,\"input_tokens_details\":{\"cached_tokens\":100},\"output_tokens\":9,\"output_tokens_details\":{\"reasoning_tokens\":4},\"total_tokens\":129}}}\n\n",
    ];

    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _host = await GatewayHost.StartAsync($"""
            platforms:
              openai:
                kind: openai
                base_url: {_upstream.BaseUrl}v1
                api_key: sk-upstream-codex-0001
                options:
                  responses: native
                models:
                  codex: gpt-5-codex
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task CodexStream_ReachesResponsesUnchangedButForTheModel_AndItsEventsComeBackUnchanged()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Sse(ctx, UpstreamEvents);
        using var client = _host.CreateClient();

        using var response = await client.PostAsync("/v1/responses", new StringContent(CodexBody, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/responses", _upstream.LastRequest.Path);
        AssertSameButModel(CodexBody, _upstream.LastRequest.BodyText, "gpt-5-codex");
        Assert.Equal(string.Concat(UpstreamEvents), body);
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal("openai-responses", record.Protocol);
        Assert.Equal("success", record.Status);
        Assert.Equal(120, record.Tokens.InputTokens);
        Assert.Equal(100, record.Tokens.CachedInputTokens);
        Assert.Equal(9, record.Tokens.OutputTokens);
        Assert.Equal(4, record.Tokens.ReasoningTokens);
    }

    [Fact]
    public async Task CodexNonStreamed_GetsTheUpstreamsResponseObjectUnchanged()
    {
        const string answer = """{"id":"resp_up2","object":"response","status":"completed","model":"gpt-5-codex","output":[{"type":"message","id":"msg_2","role":"assistant","content":[{"type":"output_text","text":"Done.","annotations":[]}]}],"usage":{"input_tokens":11,"output_tokens":2,"total_tokens":13}}""";
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, answer);
        using var client = _host.CreateClient();
        var request = JsonNode.Parse(CodexBody)!.AsObject();
        request.Remove("stream");

        using var response = await client.PostAsync("/v1/responses", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync());
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal(11, record.Tokens.InputTokens);
        Assert.Equal("openai-responses", record.Protocol);
    }

    [Fact]
    public async Task UpstreamFailsMidStream_TheClientGetsOneErrorEventAfterTheUpstreamsEvents()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Sse(ctx,
        [
            UpstreamEvents[0],
            "event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":{\"id\":\"resp_up\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"boom\"}}}\n\n",
        ]);
        using var client = _host.CreateClient();

        using var response = await client.PostAsync("/v1/responses", new StringContent(CodexBody, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.StartsWith(UpstreamEvents[0], body, StringComparison.Ordinal);
        var last = body.TrimEnd('\n').Split("\n\n")[^1];
        Assert.StartsWith("event: error\ndata: ", last, StringComparison.Ordinal);
        using var error = JsonDocument.Parse(last["event: error\ndata: ".Length..]);
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain("sk-upstream-codex-0001", body, StringComparison.Ordinal);
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal("error", record.Status);
    }

    private static void AssertSameButModel(string expected, string actual, string upstreamModel)
    {
        var want = JsonNode.Parse(expected)!.AsObject();
        var got = JsonNode.Parse(actual)!.AsObject();
        Assert.Equal(upstreamModel, got["model"]!.GetValue<string>());
        Assert.Equal(want["stream"]?.GetValue<bool>() ?? false, got["stream"]?.GetValue<bool>() ?? false);
        foreach (var owned in new[] { "model", "stream" })
        {
            want.Remove(owned);
            got.Remove(owned);
        }

        Assert.Equal(want.ToJsonString(), got.ToJsonString());
    }
}
