using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Testing;

namespace Switchboard.Console.Tests.Infrastructure;

/// <summary>Runs one real gateway with the console on loopback, in front of a fake OpenAI-compatible upstream, for every browser test of a run.</summary>
public sealed class ConsoleGateway : IAsyncLifetime
{
    /// <summary>The streamed reply the fake upstream sends, piece by piece.</summary>
    public static readonly string[] ReplyPieces = ["Hello", " from", " the", " fake", " upstream."];

    public FakeUpstream Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public ConsoleBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await FakeUpstream.StartAsync();
        Upstream.Handler = AnswerAsync;
        var yaml = $"""
            platforms:
              fakeai:
                kind: openai
                base_url: {Upstream.BaseUrl}v1
                api_key: sk-fake-upstream-key-for-console-0001
                models:
                  gpt-4o-mini:
                    model_name: gpt-4o-mini
                    input_price: 0.15
                    output_price: 0.6
                  qwen-flash:
                    model_name: qwen-flash
                    input_price: 0.3
                    output_price: 0.6
            """;
        Gateway = await GatewayHost.StartAsync(yaml);
        Browser = await ConsoleBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    /// <summary>Creates a virtual key through the admin API and returns its full value.</summary>
    public async Task<string> CreateKeyAsync(object body)
    {
        using var admin = Gateway.CreateClient();
        using var response = await admin.PostAsJsonAsync("api/admin/keys", body);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("key").GetString()!;
    }

    private static async Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        if (request.Path.EndsWith("/models", StringComparison.Ordinal))
        {
            await FakeUpstream.Json(context, 200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"},{"id":"qwen-flash","object":"model"}]}""");
            return;
        }

        using var body = JsonDocument.Parse(request.Body);
        if (body.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            await FakeUpstream.Sse(context, OpenAIFakeResponses.Stream(ReplyPieces), TimeSpan.FromMilliseconds(20));
            return;
        }

        await FakeUpstream.Json(context, 200, OpenAIFakeResponses.Completion(string.Concat(ReplyPieces)));
    }
}
