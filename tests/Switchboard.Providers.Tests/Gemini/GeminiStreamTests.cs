using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Gemini.GeminiTestKit;

namespace Switchboard.Providers.Tests.Gemini;

public sealed class GeminiStreamTests : IAsyncLifetime
{
    private const string Hello = """{"messages":[{"role":"user","content":"hi"}],"stream":true}""";
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeUpstream.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task StreamAsync_RecordedStream_EmitsRoleTextReasoningToolCallsAndFinish()
    {
        // Recorded shape of streamGenerateContent?alt=sse: every event is a whole response with only new parts.
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, SseEvents(
            """{"candidates": [{"content": {"parts": [{"text": "Checking the sky","thought": true}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 31,"totalTokenCount": 31},"modelVersion": "gemini-2.5-flash","responseId": "resp-42"}""",
            """{"candidates": [{"content": {"parts": [{"text": "The weather \u003cnow\u003e"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 31,"candidatesTokenCount": 4,"totalTokenCount": 55,"thoughtsTokenCount": 20},"modelVersion": "gemini-2.5-flash","responseId": "resp-42"}""",
            """{"candidates": [{"content": {"parts": [{"text": " in Paris: ☀️\n"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 31,"candidatesTokenCount": 9,"totalTokenCount": 60,"thoughtsTokenCount": 20},"modelVersion": "gemini-2.5-flash","responseId": "resp-42"}""",
            """{"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"city": "Paris"}},"thoughtSignature": "c2lnMQ=="},{"functionCall": {"name": "get_time","args": {"tz": "CET"}}}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 31,"candidatesTokenCount": 25,"totalTokenCount": 81,"cachedContentTokenCount": 8,"thoughtsTokenCount": 25},"modelVersion": "gemini-2.5-flash","responseId": "resp-42"}"""));

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var stream = result.Value!;
        var (chunks, last, _) = await DrainAsync(stream);
        Assert.Equal(StreamStep.Completed, last);
        Assert.Equal(7, chunks.Count);
        foreach (var chunk in chunks)
        {
            Assert.Equal("chatcmpl-resp-42", chunk["id"]!.GetValue<string>());
            Assert.Equal("chat.completion.chunk", chunk["object"]!.GetValue<string>());
            Assert.Equal("gemini-2.5-flash", chunk["model"]!.GetValue<string>());
            Assert.Equal(stream.Identity.Created, chunk["created"]!.GetValue<long>());
            Assert.Equal(0, chunk["choices"]![0]!["index"]!.GetValue<int>());
        }

        AssertJsonEqual("""{"role":"assistant","content":""}""", Delta(chunks[0]));
        AssertJsonEqual("""{"reasoning_content":"Checking the sky"}""", Delta(chunks[1]));
        AssertJsonEqual("""{"content":"The weather <now>"}""", Delta(chunks[2]));
        AssertJsonEqual("""{"content":" in Paris: ☀️\n"}""", Delta(chunks[3]));
        var first = chunks[4]["choices"]![0]!["delta"]!["tool_calls"]!.AsArray().Single()!;
        var second = chunks[5]["choices"]![0]!["delta"]!["tool_calls"]!.AsArray().Single()!;
        Assert.Matches("^call_[0-9a-f]{24}$", first["id"]!.GetValue<string>());
        Assert.NotEqual(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        first.AsObject().Remove("id");
        second.AsObject().Remove("id");
        AssertJsonEqual("""{"index":0,"type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"},"thought_signature":"c2lnMQ=="}""", first.ToJsonString());
        AssertJsonEqual("""{"index":1,"type":"function","function":{"name":"get_time","arguments":"{\"tz\":\"CET\"}"}}""", second.ToJsonString());
        Assert.Null(chunks[5]["choices"]![0]!["finish_reason"]);
        AssertJsonEqual("{}", Delta(chunks[6]));
        Assert.Equal("tool_calls", chunks[6]["choices"]![0]!["finish_reason"]!.GetValue<string>());

        Assert.Equal("tool_calls", stream.FinishReason);
        Assert.Equal(new TokenUsage(31, 50, CachedInputTokens: 8, ReasoningTokens: 25), stream.Usage);
        Assert.Equal(UsageSource.Reported, stream.UsageSource);
        Assert.Equal("chatcmpl-resp-42", stream.Identity.Id);
        var text = Encoding.UTF8.GetByteCount("Checking the sky") + Encoding.UTF8.GetByteCount("The weather <now>")
            + Encoding.UTF8.GetByteCount(" in Paris: ☀️\n") + Encoding.UTF8.GetByteCount("{\"city\":\"Paris\"}") + Encoding.UTF8.GetByteCount("{\"tz\":\"CET\"}");
        Assert.Equal(text, stream.DeliveredTextBytes);
    }

    [Fact]
    public async Task StreamAsync_ToolCallsAcrossEvents_KeepIncreasingIndexes()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, SseEvents(
            """{"candidates":[{"content":{"parts":[{"functionCall":{"id":"a","name":"f","args":{"n":1}}}],"role":"model"}}]}""",
            """{"candidates":[{"content":{"parts":[{"functionCall":{"id":"b","name":"f","args":{"n":2}}}],"role":"model"}}]}""",
            """{"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4,"totalTokenCount":7}}"""));

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var (chunks, last, _) = await DrainAsync(stream);

        Assert.Equal(StreamStep.Completed, last);
        Assert.Equal(4, chunks.Count);
        AssertJsonEqual("""{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"f","arguments":"{\"n\":1}"}}]}""", Delta(chunks[1]));
        AssertJsonEqual("""{"tool_calls":[{"index":1,"id":"b","type":"function","function":{"name":"f","arguments":"{\"n\":2}"}}]}""", Delta(chunks[2]));
        Assert.Equal("tool_calls", chunks[3]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.StartsWith("chatcmpl-", stream.Identity.Id, StringComparison.Ordinal);
        Assert.Equal(Model, stream.Identity.Model);
        Assert.Equal(new TokenUsage(3, 4), stream.Usage);
    }

    [Theory]
    [InlineData(429, "RESOURCE_EXHAUSTED", UpstreamErrorKind.RateLimited)]
    [InlineData(503, "UNAVAILABLE", UpstreamErrorKind.Overloaded)]
    [InlineData(500, "INTERNAL", UpstreamErrorKind.ServerError)]
    [InlineData(504, "DEADLINE_EXCEEDED", UpstreamErrorKind.Timeout)]
    [InlineData(400, "INVALID_ARGUMENT", UpstreamErrorKind.InvalidRequest)]
    public async Task StreamAsync_ErrorObjectMidStream_FailsWithKindFromStatus(int code, string status, UpstreamErrorKind expected)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, SseEvents(
            """{"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"}}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":1,"totalTokenCount":6},"responseId":"r"}""",
            $$$"""{"error":{"code":{{{code}}},"message":"The model broke ({{{status}}}).","status":"{{{status}}}"}}"""));

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var (chunks, last, raw) = await DrainAsync(stream);

        Assert.Equal(StreamStep.Failed, last);
        Assert.Equal(2, chunks.Count);
        Assert.DoesNotContain("error", raw, StringComparison.Ordinal);
        Assert.Equal(expected, stream.Error!.Kind);
        Assert.Equal(status, stream.Error.UpstreamCode);
        Assert.Equal($"The model broke ({status}).", stream.Error.Message);
        Assert.Equal(3, stream.DeliveredTextBytes);
        Assert.Equal(new TokenUsage(5, 1), stream.Usage);
    }

    [Fact]
    public async Task StreamAsync_ResetMidStream_FailsWithUnknownOutcome()
    {
        _fake.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, SseEvents("""{"candidates":[{"content":{"parts":[{"text":"partial"}],"role":"model"}}]}"""));
            await Task.Delay(50);
            ctx.Abort();
        };

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var (chunks, last, _) = await DrainAsync(stream);

        Assert.Equal(StreamStep.Failed, last);
        Assert.Equal(2, chunks.Count);
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, stream.Error!.Kind);
        Assert.Equal(7, stream.DeliveredTextBytes);
        Assert.Null(stream.FinishReason);
    }

    [Fact]
    public async Task StreamAsync_ClosedWithoutFinishReason_FailsWithUnknownOutcome()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, SseEvents("""{"candidates":[{"content":{"parts":[{"text":"cut"}],"role":"model"}}]}"""));

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var (_, last, _) = await DrainAsync(stream);

        Assert.Equal(StreamStep.Failed, last);
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, stream.Error!.Kind);
    }

    [Fact]
    public async Task StreamAsync_IdleGap_FailsWithTimeout()
    {
        _fake.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, SseEvents("""{"candidates":[{"content":{"parts":[{"text":"slow"}],"role":"model"}}]}"""));
            await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        };
        var timeouts = new UpstreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30));

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true, timeouts: timeouts), CancellationToken.None);
        await using var stream = result.Value!;
        var started = DateTime.UtcNow;
        var (chunks, last, _) = await DrainAsync(stream);

        Assert.Equal(StreamStep.Failed, last);
        Assert.Equal(UpstreamErrorKind.Timeout, stream.Error!.Kind);
        Assert.Equal(2, chunks.Count);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task StreamAsync_BlockedPrompt_FailsWithContentFilteredBeforeAnyChunk()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, SseEvents(
            """{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash","responseId":"x"}"""));

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true), CancellationToken.None);
        await using var stream = result.Value!;
        var (chunks, last, _) = await DrainAsync(stream);

        Assert.Equal(StreamStep.Failed, last);
        Assert.Empty(chunks);
        Assert.Equal(UpstreamErrorKind.ContentFiltered, stream.Error!.Kind);
        Assert.Equal("SAFETY", stream.Error.UpstreamCode);
    }

    [Fact]
    public async Task StreamAsync_HttpErrorBeforeStream_ReturnsErrorValue()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 503, """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""");

        var result = await Provider().StreamAsync(Call(_fake, Hello, stream: true), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(UpstreamErrorKind.Overloaded, result.Error!.Kind);
        Assert.Equal("The model is overloaded. Please try again later.", result.Error.Message);
        Assert.Equal(503, result.Error.UpstreamStatus);
    }

    private static string Delta(JsonNode chunk) => chunk["choices"]![0]!["delta"]!.ToJsonString();
}
