using System.ClientModel;
using global::OpenAI;
using global::OpenAI.Responses;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Responses;

/// <summary>A gateway in front of one fake upstream of a given kind (openai, anthropic, gemini, or the built-in demo), with the official Responses client pointed at it.</summary>
#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK; it is the client these tests exist for.
internal sealed class ResponsesSetup : IAsyncDisposable
{
    public const string UpstreamKey = "sk-upstream-51c0ffee";

    private ResponsesSetup(FakeUpstream? upstream, GatewayHost host, string kind)
    {
        Upstream = upstream;
        Host = host;
        Kind = kind;
        Client = ClientFor(GatewayHost.AdminKey);
    }

    public static TheoryData<string> Kinds => new() { "openai", "anthropic", "gemini", "demo" };

    public FakeUpstream? Upstream { get; }

    public GatewayHost Host { get; }

    public string Kind { get; }

    /// <summary>Gets the catalog model the fake upstream serves.</summary>
    public string Model => Kind == "demo" ? "demo" : "chat";

    public ResponsesClient Client { get; }

    public static async Task<ResponsesSetup> StartAsync(string kind)
    {
        if (kind == "demo")
        {
            // With nothing configured the gateway serves its built-in demo model.
            var demo = await GatewayHost.StartAsync();
            return new ResponsesSetup(null, demo, kind);
        }

        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = ProtocolFakes.Handler(kind);
        var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml(kind, upstream.BaseUrl, "{UP_KEY}"), new Dictionary<string, string?> { ["UP_KEY"] = UpstreamKey });
        return new ResponsesSetup(upstream, host, kind);
    }

    public ResponsesClient ClientFor(string key) =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(Host.BaseUrl, "v1"), NetworkTimeout = TimeSpan.FromMinutes(2) });

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
    }
}
#pragma warning restore OPENAI001
