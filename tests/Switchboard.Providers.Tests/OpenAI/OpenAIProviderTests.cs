using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;
using Switchboard.Providers.OpenAI;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.OpenAI;

public sealed class OpenAIProviderTests : IAsyncLifetime
{
    private const string Head = "\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"gpt-up\"";
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
    public async Task CompleteAsync_RichRequest_SendsBodyWithUpstreamModelAndUnknownFieldsUntouched()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, Completion("hi"));
        const string request = """
            {"model":"alias","messages":[{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}}]}],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"tool_choice":"auto",
             "response_format":{"type":"json_object"},"temperature":0.3,"vendor_knob":{"deep":[1,2,{"x":null}]},"max_completion_tokens":64}
            """;

        var result = await _provider.CompleteAsync(OpenAITestKit.Call(request, OpenAITestKit.Endpoint(_fake.BaseUrl, headers: new Dictionary<string, string> { ["X-Title"] = "switchboard" }), key: "sk-abc"), default);

        Assert.True(result.IsSuccess);
        var sent = _fake.LastRequest;
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal("Bearer sk-abc", sent.Header("Authorization"));
        Assert.Equal("switchboard", sent.Header("X-Title"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"));
        using var original = JsonDocument.Parse(request);
        using var body = sent.Json();
        Assert.Equal("gpt-up", body.RootElement.GetProperty("model").GetString());
        foreach (var property in original.RootElement.EnumerateObject().Where(p => p.Name != "model"))
        {
            Assert.True(JsonElement.DeepEquals(property.Value, body.RootElement.GetProperty(property.Name)), property.Name);
        }

        Assert.False(body.RootElement.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task CompleteAsync_MaxTokensFieldOption_RenamesAndExtraBodyFillsDefaults()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, Completion("hi"));
        var endpoint = OpenAITestKit.Endpoint(_fake.BaseUrl, new Dictionary<string, string> { ["max_tokens_field"] = "max_tokens", ["drop_fields"] = "logprobs" }, extraBody: """{"enable_thinking":true,"top_k":5}""");

        await _provider.CompleteAsync(OpenAITestKit.Call("""{"model":"a","messages":[{"role":"user","content":"x"}],"max_completion_tokens":9,"logprobs":true,"top_k":2}""", endpoint, modelExtraBody: """{"enable_thinking":false}"""), default);

        var root = _fake.LastRequest.Json().RootElement;
        Assert.Equal(9, root.GetProperty("max_tokens").GetInt32());
        Assert.False(root.TryGetProperty("max_completion_tokens", out _));
        Assert.False(root.TryGetProperty("logprobs", out _));
        Assert.Equal(2, root.GetProperty("top_k").GetInt32());
        Assert.False(root.GetProperty("enable_thinking").GetBoolean());
    }

    [Fact]
    public async Task CompleteAsync_UsageWithCacheAndReasoning_IsReported()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok","reasoning":"thinking..."},"finish_reason":"length"}],
             "usage":{"prompt_tokens":100,"completion_tokens":40,"total_tokens":140,"prompt_tokens_details":{"cached_tokens":60},"completion_tokens_details":{"reasoning_tokens":25}}}
            """);

        var result = await _provider.CompleteAsync(OpenAITestKit.Call("""{"model":"a","messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default);

        var completion = result.Value!;
        Assert.Equal(new TokenUsage(100, 40, 60, 0, 25), completion.Usage);
        Assert.Equal(UsageSource.Reported, completion.UsageSource);
        Assert.Equal("length", completion.FinishReason);
        var message = JsonDocument.Parse(completion.Json).RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("thinking...", message.GetProperty("reasoning_content").GetString());
        Assert.False(message.TryGetProperty("reasoning", out _));
    }

    [Fact]
    public async Task CompleteAsync_DeepSeekKeepAliveBlankLinesAndCacheHitTokens_AreHandled()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, "\n\n\n" + """{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12,"prompt_cache_hit_tokens":4,"prompt_cache_miss_tokens":6}}""");

        var result = await _provider.CompleteAsync(OpenAITestKit.Call("""{"model":"a","messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default);

        Assert.Equal(4, result.Value!.Usage.CachedInputTokens);
        Assert.Equal('{', (char)result.Value.Json.Span[0]);
    }

    [Fact]
    public async Task StreamAsync_AsksForUsageAndPassesChunksThrough()
    {
        var events = new[]
        {
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
            ": OPENROUTER PROCESSING\n\n",
            "data: {" + Head + ",\"choices\":[]}\n\n",
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"hmm\"},\"finish_reason\":null}]}\n\n",
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\r\n\r\n",
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]},\"finish_reason\":null}]}\n\n",
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
            "data: {" + Head + ",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}\n\n",
            "data: [DONE]\n\n",
        };
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, events);

        var result = await _provider.StreamAsync(OpenAITestKit.Call("""{"model":"a","stream":true,"stream_options":{"include_usage":false,"other":1},"messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default);
        await using var stream = result.Value!;
        var (data, last) = await OpenAITestKit.DrainAsync(stream);

        var options = _fake.LastRequest.Json().RootElement.GetProperty("stream_options");
        Assert.True(options.GetProperty("include_usage").GetBoolean());
        Assert.Equal(1, options.GetProperty("other").GetInt32());
        Assert.Equal(StreamStep.Completed, last);
        Assert.Equal(7, data.Count);
        Assert.DoesNotContain(data, d => d.Contains("\"usage\"", StringComparison.Ordinal));
        Assert.Contains(data, d => d.Contains("\"reasoning_content\":\"hmm\"", StringComparison.Ordinal));
        Assert.Equal(new TokenUsage(5, 3), stream.Usage);
        Assert.Equal(UsageSource.Reported, stream.UsageSource);
        Assert.Equal("tool_calls", stream.FinishReason);
        Assert.Equal("chatcmpl-9", stream.Identity.Id);
        Assert.True(stream.DeliveredTextBytes >= 8);
    }

    [Fact]
    public async Task StreamAsync_MoonshotUsageInsideChoice_IsReadAndChunkKept()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx,
        [
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\n\n",
            "data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1,\"total_tokens\":8}}]}\n\n",
            "data: [DONE]\n\n",
        ]);

        await using var stream = (await _provider.StreamAsync(OpenAITestKit.Call("""{"model":"a","stream":true,"messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default)).Value!;
        var (data, _) = await OpenAITestKit.DrainAsync(stream);

        Assert.Equal(2, data.Count);
        Assert.Equal(new TokenUsage(7, 1), stream.Usage);
    }

    [Fact]
    public async Task StreamAsync_ClosedWithoutFinish_FailsAsUnknownOutcome()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, ["data: {" + Head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}\n\n"]);

        await using var stream = (await _provider.StreamAsync(OpenAITestKit.Call("""{"model":"a","stream":true,"messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default)).Value!;
        var (_, last) = await OpenAITestKit.DrainAsync(stream);

        Assert.Equal(StreamStep.Failed, last);
        Assert.Equal(UpstreamErrorKind.UnknownOutcome, stream.Error!.Kind);
    }

    [Fact]
    public async Task StreamAsync_OldVllmErrorObject_FailsWithItsMessage()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Sse(ctx, ["data: {\"object\":\"error\",\"message\":\"CUDA out of memory\",\"type\":\"InternalServerError\",\"code\":500}\n\n"]);

        await using var stream = (await _provider.StreamAsync(OpenAITestKit.Call("""{"model":"a","stream":true,"messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default)).Value!;
        var (_, last) = await OpenAITestKit.DrainAsync(stream);

        Assert.Equal(StreamStep.Failed, last);
        Assert.Contains("CUDA out of memory", stream.Error!.Message);
    }

    [Theory]
    [InlineData(400, UpstreamErrorKind.InvalidRequest)]
    [InlineData(401, UpstreamErrorKind.Authentication)]
    [InlineData(402, UpstreamErrorKind.InsufficientQuota)]
    [InlineData(429, UpstreamErrorKind.RateLimited)]
    [InlineData(500, UpstreamErrorKind.ServerError)]
    [InlineData(503, UpstreamErrorKind.Overloaded)]
    public async Task CompleteAsync_ErrorStatus_BecomesErrorValueWithMessage(int status, UpstreamErrorKind kind)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, status, """{"error":{"message":"nope","type":"x","param":"temperature","code":"c1"}}""", ("retry-after-ms", "1500"));

        var result = await _provider.CompleteAsync(OpenAITestKit.Call("""{"model":"a","messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default);

        var error = result.Error!;
        Assert.Equal(kind, error.Kind);
        Assert.Equal("nope", error.Message);
        Assert.Equal("c1", error.UpstreamCode);
        Assert.Equal("temperature", error.Param);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact]
    public async Task CompleteAsync_InsufficientQuota429_IsQuotaNotRateLimit()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""");
        var result = await _provider.CompleteAsync(OpenAITestKit.Call("""{"model":"a","messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default);
        Assert.Equal(UpstreamErrorKind.InsufficientQuota, result.Error!.Kind);
    }

    [Theory]
    [InlineData(403, "unsupported_country_region_territory", true)]
    [InlineData(403, "model_not_allowed", false)]
    [InlineData(429, "rate_limit_exceeded", false)]
    public async Task CompleteAsync_AccountWideSignal_IsFlaggedOnlyWhenTheWholeKeyIsRefused(int status, string code, bool accountWide)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, status, $$$"""{"error":{"message":"refused","type":"x","code":"{{{code}}}"}}""");
        var result = await _provider.CompleteAsync(OpenAITestKit.Call("""{"model":"a","messages":[{"role":"user","content":"x"}]}""", OpenAITestKit.Endpoint(_fake.BaseUrl)), default);
        Assert.Equal(accountWide, result.Error!.AccountWide);
    }

    [Fact]
    public async Task EmbedAsync_And_ListModelsAsync_UseOpenAIPaths()
    {
        _fake.Handler = (ctx, r) => r.Path.EndsWith("/models", StringComparison.Ordinal)
            ? FakeUpstream.Json(ctx, 200, """{"object":"list","data":[{"id":"m-1","object":"model","owned_by":"x"},{"id":"m-2","object":"model","context_length":4096}]}""")
            : FakeUpstream.Json(ctx, 200, """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1]}],"model":"e","usage":{"prompt_tokens":3,"total_tokens":3}}""");
        var endpoint = OpenAITestKit.Endpoint(_fake.BaseUrl);
        var target = new Switchboard.Abstractions.Providers.UpstreamTarget { Endpoint = endpoint, UpstreamModel = "emb", ApiKey = "sk-e" };

        var embedding = await _provider.EmbedAsync(new Switchboard.Abstractions.Providers.EmbeddingCall { Body = """{"model":"x","input":"hi"}"""u8.ToArray(), Target = target }, default);
        var models = await _provider.ListModelsAsync(target, Switchboard.Abstractions.Providers.UpstreamTimeouts.Default, default);

        Assert.Equal(3, embedding.Value!.Usage.InputTokens);
        Assert.Equal("emb", _fake.Requests[0].Json().RootElement.GetProperty("model").GetString());
        Assert.Equal("/v1/embeddings", _fake.Requests[0].Path);
        Assert.Equal(["m-1", "m-2"], models.Value!.Models.Select(m => m.Id));
        Assert.Equal(4096, models.Value.Models[1].ContextWindow);
        Assert.Equal("GET", _fake.LastRequest.Method);
    }

    private static string Completion(string text) =>
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
}
