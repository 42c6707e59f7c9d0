using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Anthropic;
using Switchboard.Providers.Http;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Anthropic.AnthropicTestKit;

namespace Switchboard.Providers.Tests.Anthropic;

/// <summary>Checks that cache writes keep their lifetime split (<c>usage.cache_creation</c>), which prices one-hour writes apart.</summary>
public sealed class AnthropicCacheUsageTests : IAsyncLifetime
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
}
