using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.OpenAI;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.OpenAI.OpenAITestKit;

namespace Switchboard.Providers.Tests.OpenAI;

/// <summary>A Responses client on a platform with <c>responses: native</c>: its request and the upstream's events pass through unchanged.</summary>
public sealed class OpenAIResponsesPassthroughTests : IAsyncLifetime
{
    // A request as Codex sends it (its shape from the public Responses API reference): instructions, typed input
    // items with a reasoning item and a function call, tools, reasoning, include, prompt_cache_key and store false.
    private const string CodexBody = """
        {"model":"gpt-5-codex","instructions":"You are Codex, a coding agent.","input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"<environment_context>cwd=/work</environment_context>"}]},{"type":"message","role":"user","content":[{"type":"input_text","text":"List the files"}]},{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAAB-opaque"},{"type":"function_call","id":"fc_1","call_id":"call_1","name":"shell","arguments":"{\"command\":[\"ls\"]}"},{"type":"function_call_output","call_id":"call_1","output":"README.md\nsrc"}],"tools":[{"type":"function","name":"shell","description":"Runs a command","strict":false,"parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}}},"required":["command"]}}],"tool_choice":"auto","parallel_tool_calls":false,"reasoning":{"effort":"medium","summary":"auto"},"store":false,"stream":true,"include":["reasoning.encrypted_content"],"prompt_cache_key":"019a-session","text":{"verbosity":"medium"}}
        """;

    private readonly UpstreamHttpClients _clients = new();
    private FakeUpstream _fake = null!;
    private OpenAIProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _provider = new OpenAIProvider(_clients);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _clients.Dispose();
    }

    [Fact]
    public async Task StreamAsync_CodexRequest_GoesToResponsesUnchangedExceptModel_AndEventsPassThrough()
    {
        string[] events =
        [
            Event("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","object":"response","created_at":1767225600,"status":"in_progress","model":"gpt-5-codex","output":[]}}"""),
            Event("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Two files."}"""),
            Event("response.completed", """{"type":"response.completed","sequence_number":2,"response":{"id":"resp_1","object":"response","created_at":1767225600,"status":"completed","model":"gpt-5-codex","output":[{"type":"message","id":"msg_1","role":"assistant","status":"completed","content":[{"type":"output_text","text":"Two files.","annotations":[]}]}],"usage":{"input_tokens":120,"input_tokens_details":{"cached_tokens":100},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":129}}}"""),
        ];
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, events);
        var call = NativeCall(stream: true);

        var result = await _provider.StreamAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var stream = result.Value!;
        var sink = new RecordingSink(ClientProtocols.OpenAIResponses);
        StreamStep step;
        do
        {
            step = await stream.ReadAsync(sink, CancellationToken.None);
        }
        while (step == StreamStep.Data);

        Assert.Equal(StreamStep.Completed, step);
        Assert.Equal("/v1/responses", _fake.LastRequest.Path);
        AssertSameExceptModel(CodexBody, _fake.LastRequest.BodyText, "gpt-up");
        Assert.Equal(["response.created", "response.output_text.delta", "response.completed"], sink.Raw.Select(r => r.Name));
        Assert.Equal(events.Select(e => e.Split("data: ")[1].TrimEnd('\n')), sink.Raw.Select(r => r.Data));
        Assert.Empty(sink.Events);
        Assert.Equal(new TokenUsage(120, 9, CachedInputTokens: 100, ReasoningTokens: 4), stream.Usage);
        Assert.Equal(UsageSource.Reported, stream.UsageSource);
        Assert.Equal("stop", stream.FinishReason);
        Assert.Equal("resp_1", stream.Identity.Id);
    }

    [Fact]
    public async Task StreamAsync_SinkThatTakesNoResponsesEvents_GetsCanonicalTextAndToolCalls()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx,
        [
            Event("response.created", """{"type":"response.created","response":{"id":"resp_2","created_at":5,"model":"m","output":[]}}"""),
            Event("response.output_item.added", """{"type":"response.output_item.added","output_index":0,"item":{"type":"function_call","id":"fc_1","call_id":"call_7","name":"shell","arguments":""}}"""),
            Event("response.function_call_arguments.delta", """{"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":0,"delta":"{\"command\":[]}"}"""),
            Event("response.completed", """{"type":"response.completed","response":{"id":"resp_2","status":"completed","output":[{"type":"function_call","call_id":"call_7","name":"shell","arguments":"{\"command\":[]}"}],"usage":{"input_tokens":3,"output_tokens":2}}}"""),
        ]);

        var result = await _provider.StreamAsync(NativeCall(stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var sink = new RecordingSink(passthroughProtocol: null);
        while (await stream.ReadAsync(sink, CancellationToken.None) == StreamStep.Data)
        {
        }

        Assert.Equal(["start resp_2", "tool 0 call_7 shell", "args 0 {\"command\":[]}", "usage 3/2", "finish tool_calls"], sink.Events);
        Assert.Empty(sink.Raw);
    }

    [Fact]
    public async Task StreamAsync_ConnectionClosedBeforeTheTerminalEvent_FailsAsACut()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx,
            [Event("response.created", """{"type":"response.created","response":{"id":"resp_3","output":[]}}""")]);

        var result = await _provider.StreamAsync(NativeCall(stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var sink = new RecordingSink(ClientProtocols.OpenAIResponses);
        StreamStep step;
        do
        {
            step = await stream.ReadAsync(sink, CancellationToken.None);
        }
        while (step == StreamStep.Data);

        Assert.Equal(StreamStep.Failed, step);
        Assert.Contains("response.completed", stream.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_ResponseFailedEvent_FailsTheStreamWithTheUpstreamMessage()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx,
        [
            Event("response.created", """{"type":"response.created","response":{"id":"resp_4","output":[]}}"""),
            Event("response.failed", """{"type":"response.failed","response":{"id":"resp_4","status":"failed","error":{"code":"server_error","message":"The model crashed."}}}"""),
        ]);

        var result = await _provider.StreamAsync(NativeCall(stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var sink = new RecordingSink(ClientProtocols.OpenAIResponses);
        StreamStep step;
        do
        {
            step = await stream.ReadAsync(sink, CancellationToken.None);
        }
        while (step == StreamStep.Data);

        Assert.Equal(StreamStep.Failed, step);
        Assert.Equal("The model crashed.", stream.Error!.Message);
        Assert.Equal("server_error", stream.Error.UpstreamCode);
        Assert.Single(sink.Raw);
    }

    [Fact]
    public async Task CompleteAsync_NativeAnswer_IsReturnedAsIsWithItsUsageAndFinish()
    {
        const string answer = """{"id":"resp_5","object":"response","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[{"type":"message","content":[{"type":"output_text","text":"Cut"}]}],"usage":{"input_tokens":7,"output_tokens":16,"total_tokens":23}}""";
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, answer);

        var result = await _provider.CompleteAsync(NativeCall(stream: false), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var completion = result.Value!;
        Assert.Equal(ClientProtocols.OpenAIResponses, completion.NativeProtocol);
        Assert.Equal(answer, Encoding.UTF8.GetString(completion.Json.Span));
        Assert.Equal(new TokenUsage(7, 16), completion.Usage);
        Assert.Equal("length", completion.FinishReason);
        Assert.False(JsonDocument.Parse(_fake.LastRequest.Body).RootElement.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task CompleteAsync_PlatformWithoutTheOption_GetsTheCanonicalChatBody()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}""");
        var call = NativeCall(stream: false, native: false);

        var result = await _provider.CompleteAsync(call, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("/v1/chat/completions", _fake.LastRequest.Path);
        Assert.Null(result.Value!.NativeProtocol);
    }

    private UpstreamChatCall NativeCall(bool stream, bool native = true)
    {
        var options = native ? new Dictionary<string, string> { ["responses"] = "native" } : null;
        var canonical = $$"""{"model":"gpt-5-codex","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"List the files"}]}""";
        var call = Call(canonical, Endpoint(_fake.BaseUrl, options));
        return call with
        {
            Request = new ChatCompletionRequest
            {
                Body = call.Request.Body,
                Model = call.Request.Model,
                Stream = stream,
                MessageCount = 1,
                Native = new NativeRequest { Protocol = ClientProtocols.OpenAIResponses, Body = Encoding.UTF8.GetBytes(CodexBody) },
            },
        };
    }

    private static void AssertSameExceptModel(string expected, string actual, string upstreamModel)
    {
        var want = System.Text.Json.Nodes.JsonNode.Parse(expected)!.AsObject();
        var got = System.Text.Json.Nodes.JsonNode.Parse(actual)!.AsObject();
        Assert.Equal(upstreamModel, got["model"]!.GetValue<string>());
        Assert.Equal(want["stream"]?.GetValue<bool>() ?? false, got["stream"]?.GetValue<bool>() ?? false);
        foreach (var owned in new[] { "model", "stream" })
        {
            want.Remove(owned);
            got.Remove(owned);
        }

        Assert.Equal(want.ToJsonString(), got.ToJsonString());
    }

    private static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";
}
