using Anthropic;
using Anthropic.Core;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Anthropic;

/// <summary>A gateway with one platform of the given kind (openai, anthropic, gemini over a wire-exact fake, or demo) and the official Anthropic SDK pointed at it.</summary>
internal sealed class AnthropicGateway : IAsyncDisposable
{
    public const string UpstreamKey = "sk-upstream-4d1a9e07";

    private AnthropicGateway(FakeUpstream? upstream, GatewayHost host, string kind)
    {
        Upstream = upstream;
        Host = host;
        Kind = kind;
        Client = new AnthropicClient(new ClientOptions { ApiKey = GatewayHost.AdminKey, BaseUrl = host.BaseUrl.ToString().TrimEnd('/'), MaxRetries = 0 });
    }

    public FakeUpstream? Upstream { get; }

    public GatewayHost Host { get; }

    public string Kind { get; }

    public AnthropicClient Client { get; }

    public static async Task<AnthropicGateway> StartAsync(string kind, Func<Microsoft.AspNetCore.Http.HttpContext, RecordedRequest, Task>? handler = null)
    {
        if (kind == "demo")
        {
            var demo = await GatewayHost.StartAsync("platforms:\n  up:\n    kind: demo\n    base_url: https://demo.switchboard.invalid\n    models:\n      chat: demo\n");
            return new AnthropicGateway(null, demo, kind);
        }

        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = handler ?? ProtocolFakes.Handler(kind);
        var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml(kind, upstream.BaseUrl, "{UP_KEY}"), new Dictionary<string, string?> { ["UP_KEY"] = UpstreamKey });
        return new AnthropicGateway(upstream, host, kind);
    }

    /// <summary>Returns the one usage record the gateway wrote, failing when there is not exactly one.</summary>
    public async Task<Switchboard.Abstractions.Usage.UsageRecord> SingleUsageAsync() => Assert.Single(await Host.FlushUsageAsync());

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
    }
}
