using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Classic;

/// <summary>
/// A gateway whose model <c>shared</c> has two sources: <c>first</c> (preset <c>deepseek</c>, so kind <c>openai</c>) on
/// one fake upstream and <c>second</c> (kind <c>anthropic</c>) on another; plus the built-in demo model.
/// </summary>
internal sealed class ClassicGateway : IAsyncDisposable
{
    public const string FirstAnswer = "from first";

    private ClassicGateway(FakeUpstream first, FakeUpstream second, GatewayHost host)
    {
        First = first;
        Second = second;
        Host = host;
    }

    public FakeUpstream First { get; }

    public FakeUpstream Second { get; }

    public GatewayHost Host { get; }

    public static async Task<ClassicGateway> StartAsync()
    {
        var first = await FakeUpstream.StartAsync();
        var second = await FakeUpstream.StartAsync();
        first.Handler = (ctx, r) => r.Json().RootElement.TryGetProperty("stream", out var s) && s.GetBoolean()
            ? FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["from ", "first"]))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion(FirstAnswer));
        second.Handler = ProtocolFakes.Handler("anthropic");
        var host = await GatewayHost.StartAsync($$"""
            platforms:
              first:
                preset: deepseek
                base_url: {{first.BaseUrl}}v1
                api_key: sk-first-0001
                models:
                  shared: { model_name: gpt-a, context_window: 64000, capabilities: [tools, vision] }
              second:
                kind: anthropic
                base_url: {{second.BaseUrl}}v1
                api_key: sk-second-0002
                models: { shared: claude-test }
            """);
        return new ClassicGateway(first, second, host);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string route, object body) =>
        client.PostAsJsonAsync(route, body);

    public static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string route, string json) =>
        client.PostAsync(route, new StringContent(json, Encoding.UTF8, "application/json"));

    public static object Body(string model, string? provider = null, object? parameters = null, string? userId = null) =>
        new Dictionary<string, object?>
        {
            ["model_name"] = model,
            ["provider"] = provider,
            ["messages"] = new[] { new { role = "user", content = "Hello" } },
            ["parameters"] = parameters,
            ["user_id"] = userId,
        };

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}
