using System.Buffers;
using System.Text;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Caching;

namespace Switchboard.Core.Tests.Caching;

/// <summary>The response cache's rules without a server: the headers, the opt-in decision, the key and the stored form.</summary>
public sealed class CacheRulesTests
{
    private static readonly ResponseCacheOptions Options = new();

    [Theory]
    [InlineData("on", null, null, CacheDirective.On)]
    [InlineData(" OFF ", null, null, CacheDirective.Off)]
    [InlineData("refresh", null, null, CacheDirective.Refresh)]
    [InlineData(null, null, "no-store", CacheDirective.Off)]
    [InlineData(null, null, "max-age=0, no-cache", CacheDirective.Refresh)]
    [InlineData("on", null, "no-store", CacheDirective.On)]
    [InlineData(null, null, null, CacheDirective.Default)]
    public void Parse_ReadsTheDirective(string? cache, string? ttl, string? cacheControl, CacheDirective expected)
    {
        var request = CacheRequest.Parse(cache, ttl, cacheControl);
        Assert.Null(request.Error);
        Assert.Equal(expected, request.Directive);
    }

    [Theory]
    [InlineData("yes", null)]
    [InlineData(null, "0")]
    [InlineData(null, "-1")]
    [InlineData(null, "1.5")]
    [InlineData(null, "ten")]
    public void Parse_BadValue_IsAnError(string? cache, string? ttl) => Assert.NotNull(CacheRequest.Parse(cache, ttl, null).Error);

    [Fact]
    public void Decide_NeedsAnOptIn_AndTakesTheNarrowestLifetime()
    {
        var none = CacheRequest.Parse(null, null, null);
        Assert.Null(CachePolicy.Decide(Options, null, null, none).Ttl);
        Assert.Null(CachePolicy.Decide(Options, null, null, CacheRequest.Parse("refresh", null, null)).Ttl);
        Assert.Equal(Options.DefaultTtl, CachePolicy.Decide(Options, null, null, CacheRequest.Parse("on", null, null)).Ttl);
        Assert.Equal(TimeSpan.FromMinutes(2), CachePolicy.Decide(Options, TimeSpan.FromMinutes(2), null, none).Ttl);
        Assert.Equal(TimeSpan.FromMinutes(3), CachePolicy.Decide(Options, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), none).Ttl);
        Assert.Equal(TimeSpan.FromSeconds(7), CachePolicy.Decide(Options, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3), CacheRequest.Parse(null, "7", null)).Ttl);
        Assert.Null(CachePolicy.Decide(Options, TimeSpan.FromMinutes(2), null, CacheRequest.Parse("off", null, null)).Ttl);
        Assert.Equal(Options.MaxTtl, CachePolicy.Decide(Options, TimeSpan.FromDays(30), null, none).Ttl);
        Assert.NotNull(CachePolicy.Decide(Options, TimeSpan.FromMinutes(2), null, CacheRequest.Parse(null, "999999", null)).Error);
        Assert.Null(CachePolicy.Decide(new ResponseCacheOptions { Enabled = false }, TimeSpan.FromMinutes(2), null, none).Ttl);
    }

    [Fact]
    public void Key_IgnoresOrderWhitespaceAndDeliveryFields_ButNotTheTenantModelOrContent()
    {
        var a = Key("u1", "m", """{"model":"x","messages":[{"role":"user","content":"hi"}],"temperature":0}""");
        var b = Key("u1", "m", """{ "temperature": 0, "stream": true, "stream_options": {"include_usage": true}, "user": "me", "messages": [ {"role":"user","content":"hi"} ], "model": "slot:fast" }""");
        Assert.Equal(a, b);
        Assert.StartsWith(CacheKey.Prefix, a, StringComparison.Ordinal);
        Assert.DoesNotContain("hi", a[CacheKey.Prefix.Length..], StringComparison.Ordinal);
        Assert.NotEqual(a, Key("u2", "m", """{"model":"x","messages":[{"role":"user","content":"hi"}],"temperature":0}"""));
        Assert.NotEqual(a, Key("u1", "m2", """{"model":"x","messages":[{"role":"user","content":"hi"}],"temperature":0}"""));
        Assert.NotEqual(a, Key("u1", "m", """{"model":"x","messages":[{"role":"user","content":"hi!"}],"temperature":0}"""));
        Assert.NotEqual(a, Key("u1", "m", """{"model":"x","messages":[{"role":"user","content":"hi"}],"temperature":0.5}"""));

        // Length-prefixed parts: moving a character from the user id into the model id is another key.
        Assert.NotEqual(Key("ab", "c", "{}"), Key("a", "bc", "{}"));
    }

    [Fact]
    public void Serializer_RoundTripsTheAnswer_AndRejectsAnotherLayout()
    {
        var serializer = new CachedAnswerSerializer();
        var answer = new CachedAnswer { Json = Encoding.UTF8.GetBytes("""{"id":"x","choices":[]}"""), Usage = new TokenUsage(10, 5, 2, 1, 3, 1), FinishReason = "stop" };
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(answer, buffer);
        var back = serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        Assert.Equal(answer.Usage, back.Usage);
        Assert.Equal("stop", back.FinishReason);
        Assert.Equal(answer.Json.ToArray(), back.Json.ToArray());
        Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new ReadOnlySequence<byte>(new byte[] { 9, 1, 2 })));
    }

    [Fact]
    public void Recorder_JoinsTheStreamIntoOneAnswer_AndRefusesAnUnfinishedOne()
    {
        var recorder = new AnswerRecorder(1 << 20);
        recorder.Add(ChatStreamEvent.Start(new ChunkIdentity("chatcmpl-1", "m", 100)));
        recorder.Add(ChatStreamEvent.Text("\"Hel\\n\""u8));
        recorder.Add(ChatStreamEvent.Text("\"lo\""u8));
        recorder.Add(ChatStreamEvent.ToolCallStart(0, "\"call_1\""u8, "\"f\""u8));
        recorder.Add(ChatStreamEvent.ToolCallArguments(0, "\"{\\\"a\\\":\""u8));
        recorder.Add(ChatStreamEvent.ToolCallArguments(0, "\"1}\""u8));
        var unfinished = recorder.Build(new TokenUsage(3, 4), default);
        Assert.Null(unfinished);

        recorder.Add(ChatStreamEvent.Finish("tool_calls"));
        var answer = recorder.Build(new TokenUsage(3, 4), default);
        Assert.NotNull(answer);
        var parsed = Answers.ChatAnswer.Read(answer.Json);
        Assert.Equal("chatcmpl-1", parsed.Id);
        var choice = Assert.Single(parsed.Choices);
        Assert.Equal("Hel\nlo", choice.Text);
        Assert.Equal("{\"a\":1}", Assert.Single(choice.ToolCalls).Arguments);
        Assert.Equal("tool_calls", choice.FinishReason);

        var small = new AnswerRecorder(4);
        small.Add(ChatStreamEvent.Text("\"far too long\""u8));
        small.Add(ChatStreamEvent.Finish("stop"));
        Assert.Null(small.Build(default, default));
    }

    private static string Key(string user, string model, string body) =>
        CacheKey.For(user, model, ClientProtocols.OpenAIChat, new ChatCompletionRequest { Body = Encoding.UTF8.GetBytes(body), Model = "x" });
}
