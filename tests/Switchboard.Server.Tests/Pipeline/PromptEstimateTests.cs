using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Tokenization;
using Switchboard.Core.Usage;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Pipeline;

/// <summary>The prompt estimate is one number per request: limits admit by it and the record bills by it, and the body is walked for it once.</summary>
/// <remarks>Pins issue 14's "the request body parsed once per request": a limited request billed by estimate used to walk its body twice (admission, then the record).</remarks>
public sealed class PromptEstimateTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LimitedRequestWithoutReportedUsage_EstimatesItsPromptOnce_AndBillsThatEstimate(bool stream)
    {
        var estimator = new CountingEstimator();
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = (ctx, _) => stream
            ? FakeUpstream.Sse(ctx, [
                "data: {\"id\":\"chatcmpl-n\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"upstream-a\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":null}]}\n\n",
                "data: {\"id\":\"chatcmpl-n\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"upstream-a\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
                "data: [DONE]\n\n",
            ])
            : FakeUpstream.Json(ctx, 200, """{"id":"chatcmpl-n","object":"chat.completion","created":1767225600,"model":"upstream-a","choices":[{"index":0,"message":{"role":"assistant","content":"fine"},"finish_reason":"stop"}]}""");
        await using var host = await GatewayHost.StartAsync(PricedGateway.Yaml(upstream.BaseUrl), services: s => s.AddSingleton<ITokenEstimator>(estimator));
        var (client, _) = await PricedGateway.LimitedClientAsync(host, new { name = "limited", budget = 10.0, budget_period = "day", tpm = 10_000_000 });
        using var limited = client;
        var body = "{\"model\":\"priced\",\"stream\":" + (stream ? "true" : "false") + ",\"messages\":[{\"role\":\"user\",\"content\":\"How many tokens is this prompt, roughly?\"}]}";

        using var response = await limited.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await host.FlushUsageAsync(), r => r.Endpoint == "chat");
        Assert.Equal(UsageSource.Estimated, record.UsageSource);
        Assert.Equal(1, estimator.PromptCalls);
        Assert.Equal(estimator.LastPrompt, record.Tokens.InputTokens);
        Assert.True(record.Tokens.InputTokens > 0);
    }

    /// <summary>Counts the prompt estimates the gateway asks for, and gives the real estimator's answers.</summary>
    private sealed class CountingEstimator : ITokenEstimator
    {
        private readonly TokenEstimator _inner = new();
        private int _promptCalls;

        public int PromptCalls => Volatile.Read(ref _promptCalls);

        public long LastPrompt { get; private set; }

        public long EstimatePromptTokens(ReadOnlySpan<byte> requestBody, string? model)
        {
            Interlocked.Increment(ref _promptCalls);
            LastPrompt = _inner.EstimatePromptTokens(requestBody, model);
            return LastPrompt;
        }

        public long EstimateOutputTokens(long utf8ByteCount, string? model) => _inner.EstimateOutputTokens(utf8ByteCount, model);
    }
}
