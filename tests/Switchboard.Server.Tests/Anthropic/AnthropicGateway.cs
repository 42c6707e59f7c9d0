using System.Net;
using System.Text;
using System.Text.Json;
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

    /// <summary>Returns the error object of an Anthropic error body of <paramref name="type"/>, failing when the body is not one.</summary>
    public static JsonElement AssertError(string body, string type)
    {
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        var error = root.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        return error;
    }

    /// <summary>Posts <paramref name="json"/> to <paramref name="path"/> as an Anthropic client does (<c>x-api-key</c>, <c>anthropic-version</c>).</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string json, string key = GatewayHost.AdminKey, string? beta = null)
    {
        using var client = Host.CreateClient(key: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (beta is not null)
        {
            request.Headers.Add("anthropic-beta", beta);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

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
