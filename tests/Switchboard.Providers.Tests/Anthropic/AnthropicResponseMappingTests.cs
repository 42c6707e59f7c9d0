using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Http;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

public sealed class AnthropicResponseMappingTests : IAsyncLifetime
{
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
    public async Task CompleteAsync_ThinkingTextAndToolUseWithCacheUsage_MapsToOpenAICompletion()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
            {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[
               {"type":"thinking","thinking":"The user wants the weather.","signature":"EqQBCgIYAhIM"},
               {"type":"text","text":"Let me check "},
               {"type":"text","text":"that."},
               {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"city":"Paris","days":[1,2]}},
               {"type":"tool_use","id":"toolu_01B","name":"get_time","input":{}}
             ],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":50,"cache_creation_input_tokens":300,"cache_read_input_tokens":1200,"output_tokens":30,
                      "cache_creation":{"ephemeral_5m_input_tokens":300,"ephemeral_1h_input_tokens":0},"service_tier":"standard"}}
            """);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var completion = result.Value!;
        var json = JsonNode.Parse(completion.Json.Span)!.AsObject();
        var created = json["created"]!.GetValue<long>();
        Assert.InRange(created, before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        json.Remove("created");
        AssertJsonEqual("""
            {"id":"chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","model":"claude-sonnet-4-5-20250929",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check that.",
               "reasoning_content":"The user wants the weather.","reasoning_signature":"EqQBCgIYAhIM",
               "tool_calls":[
                 {"id":"toolu_01A09q90qw90lq917835lq9","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":[1,2]}"}},
                 {"id":"toolu_01B","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
               "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":1550,"completion_tokens":30,"total_tokens":1580,
                      "prompt_tokens_details":{"cached_tokens":1200,"cache_write_tokens":300}}}
            """, json);
        Assert.Equal(new TokenUsage(1550, 30, CachedInputTokens: 1200, CacheWriteTokens: 300), completion.Usage);
        Assert.Equal(UsageSource.Reported, completion.UsageSource);
        Assert.Equal("tool_calls", completion.FinishReason);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("some_future_reason", "stop")]
    public async Task CompleteAsync_StopReason_MapsToFinishReason(string stopReason, string finishReason)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, $$$"""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"Hi"}],
             "stop_reason":"{{{stopReason}}}","stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":2}}
            """);

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.Equal(finishReason, result.Value!.FinishReason);
        var json = JsonNode.Parse(result.Value.Json.Span)!;
        Assert.Equal(finishReason, json["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(new TokenUsage(5, 2), result.Value.Usage);
    }

    [Fact]
    public async Task CompleteAsync_ThinkingTokensReported_FillsReasoningTokens()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"42"}],
             "stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":120,"output_tokens_details":{"thinking_tokens":100}}}
            """);

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.Equal(new TokenUsage(10, 120, ReasoningTokens: 100), result.Value!.Usage);
        AssertJsonEqual("""
            {"prompt_tokens":10,"completion_tokens":120,"total_tokens":130,"prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},
             "completion_tokens_details":{"reasoning_tokens":100}}
            """, JsonNode.Parse(result.Value.Json.Span)!["usage"]);
    }

    [Fact]
    public async Task CompleteAsync_ToolUseOnly_ContentIsNull()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"tool_use","id":"t","name":"f","input":{"a":1}}],
             "stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}
            """);

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        var message = JsonNode.Parse(result.Value!.Json.Span)!["choices"]![0]!["message"]!.AsObject();
        Assert.True(message.ContainsKey("content"));
        Assert.Null(message["content"]);
        Assert.False(message.ContainsKey("reasoning_content"));
    }

    [Fact]
    public async Task CompleteAsync_ErrorObjectWithStatus200_ReturnsError()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.Overloaded, result.Error!.Kind);
        Assert.Equal("Overloaded", result.Error.Message);
    }

    [Fact]
    public async Task CompleteAsync_BodyNotJson_ReturnsMalformedResponse()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, "<html>gateway</html>");

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.Equal(UpstreamErrorKind.MalformedResponse, result.Error!.Kind);
    }

    [Fact]
    public void Provider_DeclaresAnthropicsCacheWriteMultipliers()
    {
        var pricing = Assert.IsAssignableFrom<ICacheWritePricing>(_provider);
        Assert.Equal((1.25m, 2m), (pricing.CacheWriteMultiplier, pricing.CacheWrite1HourMultiplier));
    }


    [Fact]
    public async Task CompleteAsync_CacheCreationSplit_KeepsTheOneHourShare()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":40,"cache_creation_input_tokens":556,"cache_read_input_tokens":1000,"output_tokens":12,
                      "cache_creation":{"ephemeral_5m_input_tokens":456,"ephemeral_1h_input_tokens":100}}}
            """);

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.Equal(new TokenUsage(1596, 12, CachedInputTokens: 1000, CacheWriteTokens: 556, CacheWrite1HourTokens: 100), result.Value!.Usage);
    }


    [Fact]
    public async Task CompleteAsync_OnlyTheSplitReported_SumsItIntoTheCacheWrites()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":10,"output_tokens":2,"cache_creation":{"ephemeral_5m_input_tokens":30,"ephemeral_1h_input_tokens":20,"later_tier":{"x":1}}}}
            """);

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.Equal(new TokenUsage(60, 2, CacheWriteTokens: 50, CacheWrite1HourTokens: 20), result.Value!.Usage);
    }


    [Fact]
    public async Task CompleteAsync_OneHourShareAboveTheTotal_IsClampedToTheTotal()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn",
             "usage":{"input_tokens":10,"output_tokens":2,"cache_creation_input_tokens":5,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":900}}}
            """);

        var result = await _provider.CompleteAsync(SimpleCall(_fake.BaseUrl), CancellationToken.None);

        Assert.Equal(new TokenUsage(15, 2, CacheWriteTokens: 5, CacheWrite1HourTokens: 5), result.Value!.Usage);
    }
}
