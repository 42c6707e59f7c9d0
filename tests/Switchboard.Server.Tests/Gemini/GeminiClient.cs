using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Gemini;

/// <summary>A gateway with one platform of the given upstream kind (a wire-exact fake, or the demo), called the way Google's clients call Gemini.</summary>
public sealed class GeminiClient : IAsyncDisposable
{
    private GeminiClient(FakeUpstream? upstream, GatewayHost host, string kind)
    {
        Upstream = upstream;
        Host = host;
        Kind = kind;
        Http = host.CreateClient(key: null);
    }

    public FakeUpstream? Upstream { get; }

    public GatewayHost Host { get; }

    public string Kind { get; }

    public HttpClient Http { get; }

    public static async Task<GeminiClient> StartAsync(string kind, Func<Microsoft.AspNetCore.Http.HttpContext, RecordedRequest, Task>? handler = null)
    {
        if (kind == "demo")
        {
            var demo = await GatewayHost.StartAsync("platforms:\n  up:\n    kind: demo\n    base_url: https://demo.switchboard.invalid\n    models:\n      chat: demo\n      通义flash: demo\n");
            return new GeminiClient(null, demo, kind);
        }

        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = handler ?? ProtocolFakes.Handler(kind);
        var host = await GatewayHost.StartAsync(ProtocolFakes.Yaml(kind, upstream.BaseUrl, "sk-upstream-gemini-test"));
        return new GeminiClient(upstream, host, kind);
    }

    /// <summary>Posts <paramref name="body"/> to <c>/v1beta/models/{path}</c> with the key in <c>x-goog-api-key</c>, as google-genai does.</summary>
    public async Task<(int Status, string Body, string? ContentType)> PostAsync(string path, string body, string? key = GatewayHost.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/" + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-goog-api-key", key);
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Splits an <c>alt=sse</c> body into its events' JSON, accepting CRLF framing as SSE allows.</summary>
    public static List<JsonElement> Events(string body)
    {
        var events = new List<JsonElement>();
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", raw);
            events.Add(JsonDocument.Parse(raw["data: ".Length..]).RootElement.Clone());
        }

        return events;
    }

    /// <summary>Gets the text of a response's first candidate, thoughts left out.</summary>
    public static string TextOf(JsonElement response) => string.Concat(
        response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray()
            .Where(p => p.TryGetProperty("text", out _) && !p.TryGetProperty("thought", out _))
            .Select(p => p.GetProperty("text").GetString()));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
    }
}
