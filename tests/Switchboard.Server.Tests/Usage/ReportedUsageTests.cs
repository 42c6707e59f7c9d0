using System.Net;
using System.Net.Http.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Usage;

/// <summary>Usage an upstream reports is believed only when it can be true; otherwise the local estimate is charged and the record says so.</summary>
/// <remarks>Pins catalogue case 8: usage of -100 or 10^15 tokens was recorded and priced as is (a usage row at -$1001).</remarks>
public sealed class ReportedUsageTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _host = await GatewayHost.StartAsync($$"""
            platforms:
              alpha:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                api_key: sk-alpha-upstream-0001
                models:
                  model-a: { model_name: upstream-a, input_price: 10, output_price: 30 }
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData(-100, 7)]
    [InlineData(11, -5)]
    [InlineData(1_000_000_000_000_000, 7)]
    [InlineData(11, 1_000_000_000_000_000)]
    public async Task ImpossibleUsage_IsReplacedByTheEstimate_AndMarkedCorrected(long prompt, long completion)
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, Completion(prompt, completion));
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "model-a", messages = new[] { new { role = "user", content = "hello there" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal(UsageSource.Corrected, record.UsageSource);
        Assert.InRange(record.Tokens.InputTokens, 1, 1_000);
        Assert.InRange(record.Tokens.OutputTokens, 0, 1_000);
        Assert.InRange(record.ProviderCost, 0m, 0.1m);
    }

    [Fact]
    public async Task ImpossibleUsageAtTheEndOfAStream_IsCorrectedToo()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["a", "b"], prompt: -100, completion: 2));
        using var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "model-a", stream = true, messages = new[] { new { role = "user", content = "hello" } } });

        Assert.Contains("[DONE]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal(UsageSource.Corrected, record.UsageSource);
        Assert.True(record.Tokens.InputTokens > 0);
        Assert.True(record.ProviderCost >= 0);
    }

    [Fact]
    public async Task PlausibleUsage_IsBelievedAsReported()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, Completion(123_456, 789));
        using var client = _host.CreateClient();

        await client.PostAsJsonAsync("v1/chat/completions", new { model = "model-a", messages = new[] { new { role = "user", content = "hello" } } });

        var record = Assert.Single(await _host.FlushUsageAsync());
        Assert.Equal(UsageSource.Reported, record.UsageSource);
        Assert.Equal(new TokenUsage(123_456, 789), record.Tokens);
    }

    private static string Completion(long prompt, long completion) =>
        "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"upstream-a\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]," +
        $"\"usage\":{{\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"total_tokens\":{prompt + completion}}}}}";
}
