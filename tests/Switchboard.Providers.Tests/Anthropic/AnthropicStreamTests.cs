using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Http;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

public sealed class AnthropicStreamTests : IAsyncLifetime
{
    private const string MessageStart = """
        {"type":"message_start","message":{"id":"msg_01Stream","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":2}}}
        """;

    private const string TextStart = """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""";

    private readonly UpstreamHttpClients _clients = new();
    private FakeUpstream _fake = null!;
    private AnthropicProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _provider = new AnthropicProvider(_clients);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _clients.Dispose();
    }

    [Fact]
    public async Task StreamAsync_ThinkingTextAndSplitToolInput_TranslatesToOpenAIChunks()
    {
        var events = Events(
            MessageStart,
            """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}""",
            """{"type": "ping"}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"The user wants weather. "}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"I'll call the tool."}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Let me check the weather in "}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Paris \u2014 \"☀️\"?"}}""",
            """{"type":"content_block_stop","index":1}""",
            """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{}}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":""}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Pa"}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ris\", \"unit\": \"c"}}""",
            """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"elsius\"}"}}""",
            """{"type":"content_block_stop","index":2}""",
            """{"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_01B","name":"get_time","input":{}}}""",
            """{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\"tz\":\"Europe/Paris\"}"}}""",
            """{"type":"content_block_stop","index":3}""",
            """{"type":"some_future_event","index":9}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}""",
            """{"type":"message_stop"}""");

        // Split one event across two writes to prove the parser joins partial reads.
        var split = events.SelectMany(e => e.Contains("\"Pa", StringComparison.Ordinal) ? [e[..40], e[40..]] : new[] { e });
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, split);

        var (chunks, final, stream) = await OpenAndDrainAsync();

        Assert.Equal(StreamStep.Completed, final);
        Assert.All(chunks, c =>
        {
            Assert.Equal("chatcmpl-msg_01Stream", c["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>());
            Assert.Equal("claude-sonnet-4-5-20250929", c["model"]!.GetValue<string>());
            Assert.Equal(stream.Identity.Created, c["created"]!.GetValue<long>());
            Assert.False(c.ContainsKey("usage"));
        });
        var deltas = chunks.Select(c => Delta(c).ToJsonString()).ToArray();
        Assert.Equal(
            new[]
            {
                """{"role":"assistant","content":""}""",
                """{"reasoning_content":"The user wants weather. "}""",
                """{"reasoning_content":"I'll call the tool."}""",
                """{"reasoning_signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}""",
                """{"content":"Let me check the weather in "}""",
                """{"content":"Paris — \"☀️\"?"}""",
                """{"tool_calls":[{"index":0,"id":"toolu_01A","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\": \"Pa"}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"ris\", \"unit\": \"c"}}]}""",
                """{"tool_calls":[{"index":0,"function":{"arguments":"elsius\"}"}}]}""",
                """{"tool_calls":[{"index":1,"id":"toolu_01B","type":"function","function":{"name":"get_time","arguments":""}}]}""",
                """{"tool_calls":[{"index":1,"function":{"arguments":"{\"tz\":\"Europe/Paris\"}"}}]}""",
                "{}",
            }
            .Select(Normalize).ToArray(),
            deltas.Select(Normalize).ToArray());
        Assert.All(chunks.SkipLast(1), c => Assert.Null(Finish(c)));
        Assert.Equal("tool_calls", Finish(chunks[^1]));

        AssertJsonEqual("""{"city":"Paris","unit":"celsius"}""", JsonNode.Parse(ArgumentsOf(chunks, 0)));
        AssertJsonEqual("""{"tz":"Europe/Paris"}""", JsonNode.Parse(ArgumentsOf(chunks, 1)));

        Assert.Equal("tool_calls", stream.FinishReason);
        Assert.Equal(new TokenUsage(2572, 89, CachedInputTokens: 2000, CacheWriteTokens: 100), stream.Usage);
        Assert.Equal(UsageSource.Reported, stream.UsageSource);
        Assert.Equal(new ChunkIdentity("chatcmpl-msg_01Stream", "claude-sonnet-4-5-20250929", stream.Identity.Created), stream.Identity);
        var expectedBytes = new[]
        {
            "The user wants weather. ", "I'll call the tool.", "Let me check the weather in ", "Paris — \"☀️\"?",
            "{\"city\": \"Pa", "ris\", \"unit\": \"c", "elsius\"}", "{\"tz\":\"Europe/Paris\"}",
        }.Sum(Encoding.UTF8.GetByteCount);
        Assert.Equal(expectedBytes, stream.DeliveredTextBytes);
        Assert.True(JsonNode.Parse(_fake.LastRequest.Body)!["stream"]!.GetValue<bool>());
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task StreamAsync_MessageDeltaWithInputCounts_OverridesMessageStartCounts()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, Events(
            MessageStart,
            TextStart,
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""",
            """{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"input_tokens":500,"cache_read_input_tokens":2000,"output_tokens":7,"output_tokens_details":{"thinking_tokens":3}}}""",
            """{"type":"message_stop"}"""));

        var (chunks, final, stream) = await OpenAndDrainAsync();

        Assert.Equal(StreamStep.Completed, final);
        Assert.Equal("length", Finish(chunks[^1]));
        Assert.Equal(new TokenUsage(2600, 7, CachedInputTokens: 2000, CacheWriteTokens: 100, ReasoningTokens: 3), stream.Usage);
        await stream.DisposeAsync();
    }

    [Theory]
    [InlineData("overloaded_error", UpstreamErrorKind.Overloaded)]
    [InlineData("rate_limit_error", UpstreamErrorKind.RateLimited)]
    [InlineData("api_error", UpstreamErrorKind.ServerError)]
    [InlineData("invalid_request_error", UpstreamErrorKind.InvalidRequest)]
    [InlineData("brand_new_error", UpstreamErrorKind.ServerError)]
    public async Task ReadAsync_ErrorEventMidStream_FailsWithKindAndMessage(string errorType, UpstreamErrorKind kind)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, Events(
            MessageStart,
            TextStart,
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}""",
            $$$"""{"type":"error","error":{"type":"{{{errorType}}}","message":"Upstream said \"no\""}}"""));

        var (chunks, final, stream) = await OpenAndDrainAsync();

        Assert.Equal(StreamStep.Failed, final);
        Assert.Equal(2, chunks.Count);
        Assert.Equal("Hel", Delta(chunks[1])["content"]!.GetValue<string>());
        Assert.Equal(kind, stream.Error!.Kind);
        Assert.Equal("Upstream said \"no\"", stream.Error.Message);
        Assert.Equal(errorType, stream.Error.UpstreamCode);
        Assert.Null(stream.FinishReason);
        Assert.Equal(3, stream.DeliveredTextBytes);
        Assert.Equal(UsageSource.Partial, stream.UsageSource);
        Assert.Equal(2572, stream.Usage.InputTokens);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_ConnectionResetMidStream_FailsWithUnknownOutcome()
    {
        _fake.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, Events(MessageStart, TextStart, """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}"""));
            await Task.Delay(300);
            ctx.Abort();
        };

        var (chunks, final, stream) = await OpenAndDrainAsync();

        // A reset may discard bytes the client had received but not yet read, so whether "Hello" arrived depends
        // on timing; what must hold is the failure kind and that the byte count matches what was emitted.
        Assert.Equal(StreamStep.Failed, final);
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, stream.Error!.Kind);
        Assert.Equal("{\"role\":\"assistant\",\"content\":\"\"}", Delta(chunks[0]).ToJsonString());
        var delivered = string.Concat(chunks.Skip(1).Select(c => Delta(c)["content"]?.GetValue<string>()));
        Assert.True(delivered is "" or "Hello", delivered);
        Assert.Equal(delivered.Length, stream.DeliveredTextBytes);
        Assert.Null(stream.FinishReason);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_CleanCloseBeforeMessageStop_FailsWithUnknownOutcome()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, Events(
            MessageStart,
            TextStart,
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""",
            """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}"""));

        var (_, final, stream) = await OpenAndDrainAsync();

        Assert.Equal(StreamStep.Failed, final);
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, stream.Error!.Kind);
        Assert.Contains("message_stop", stream.Error.Message, StringComparison.Ordinal);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_SilentUpstream_FailsWithIdleTimeout()
    {
        _fake.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, Events(MessageStart));
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        };

        var (chunks, final, stream) = await OpenAndDrainAsync(Idle(TimeSpan.FromMilliseconds(300)));

        Assert.Equal(StreamStep.Failed, final);
        Assert.Equal(UpstreamErrorKind.Timeout, stream.Error!.Kind);
        Assert.Single(chunks);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_OnlyPings_DoNotReArmIdleClock()
    {
        _fake.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, Events(MessageStart));
            for (var i = 0; i < 200 && !ctx.RequestAborted.IsCancellationRequested; i++)
            {
                await ctx.Response.WriteAsync("event: ping\ndata: {\"type\": \"ping\"}\n\n", ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await Task.Delay(50, ctx.RequestAborted);
            }
        };

        var (_, final, stream) = await OpenAndDrainAsync(Idle(TimeSpan.FromMilliseconds(600)));

        Assert.Equal(StreamStep.Failed, final);
        Assert.Equal(UpstreamErrorKind.Timeout, stream.Error!.Kind);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_SeveralEventsInOneWriteThenSilence_DeliversThemAllBeforeTimingOut()
    {
        // Events that arrive together must all be delivered before the reader waits for more bytes; a reader that
        // marked the whole buffer as examined after the first event would hold the rest until the idle timeout.
        _fake.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, [string.Concat(Events(
                MessageStart,
                TextStart,
                """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""",
                """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}"""))]);
            await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
        };

        var (chunks, final, stream) = await OpenAndDrainAsync(Idle(TimeSpan.FromMilliseconds(500)));

        Assert.Equal(StreamStep.Failed, final);
        Assert.Equal(UpstreamErrorKind.Timeout, stream.Error!.Kind);
        Assert.Equal("Hello world", string.Concat(chunks.Select(c => Delta(c)["content"]?.GetValue<string>())));
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_SlowButSteadyEvents_ReArmIdleClockAndComplete()
    {
        var deltas = Enumerable.Range(0, 8).Select(i => $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{i}}}"}}""");
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(
            ctx,
            Events([MessageStart, TextStart, .. deltas, """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":8}}""", """{"type":"message_stop"}"""]),
            TimeSpan.FromMilliseconds(250));

        // 12 events 250 ms apart outlast a 1.5 s idle limit only if every real event re-arms the clock; the
        // margin per gap absorbs scheduling stalls on a busy test machine.
        var (chunks, final, stream) = await OpenAndDrainAsync(Idle(TimeSpan.FromMilliseconds(1500)));

        Assert.True(final == StreamStep.Completed, stream.Error?.Kind + ": " + stream.Error?.Message + " after " + chunks.Count);
        Assert.Equal("01234567", string.Concat(chunks.Select(c => Delta(c)["content"]?.GetValue<string>())));
        Assert.Equal("stop", stream.FinishReason);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_EventNotJson_FailsWithMalformedResponse()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, ["event: message_start\ndata: {not json\n\n"]);

        var (_, final, stream) = await OpenAndDrainAsync();

        Assert.Equal(StreamStep.Failed, final);
        Assert.Equal(UpstreamErrorKind.MalformedResponse, stream.Error!.Kind);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task StreamAsync_SplitInMessageStart_SurvivesAMessageDeltaWithoutIt()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, Events(
            """{"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":7,"cache_creation_input_tokens":300,"cache_read_input_tokens":200,"output_tokens":1,"cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":200}}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}""",
            """{"type":"message_stop"}"""));

        var result = await _provider.StreamAsync(SimpleCall(_fake.BaseUrl, stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var (_, final) = await DrainAsync(stream);

        Assert.Equal(StreamStep.Completed, final);
        Assert.Equal(new TokenUsage(507, 9, CachedInputTokens: 200, CacheWriteTokens: 300, CacheWrite1HourTokens: 200), stream.Usage);
    }

    private static UpstreamTimeouts Idle(TimeSpan idle) => new(TimeSpan.FromSeconds(10), idle, TimeSpan.FromSeconds(30));

    private async Task<(List<JsonObject> Chunks, StreamStep Final, IChatStream Stream)> OpenAndDrainAsync(UpstreamTimeouts? timeouts = null)
    {
        var result = await _provider.StreamAsync(SimpleCall(_fake.BaseUrl, stream: true, timeouts), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        var drained = await DrainAsync(result.Value!);
        return (drained.Chunks, drained.Final, result.Value!);
    }

    private static string ArgumentsOf(List<JsonObject> chunks, int toolIndex) => string.Concat(chunks
        .Select(c => Delta(c)["tool_calls"]?[0])
        .Where(t => t is not null && t["index"]!.GetValue<int>() == toolIndex)
        .Select(t => t!["function"]!["arguments"]!.GetValue<string>()));

    private static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString();
}
