using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Routing.Log;
using Switchboard.Testing;

namespace Switchboard.Console.Tests.Infrastructure;

/// <summary>Runs one real gateway with the console on loopback, in front of a fake OpenAI-compatible upstream, for every browser test of a run.</summary>
/// <remarks>
/// Every browser test class joins <see cref="ConsoleCollection"/> and shares this gateway, so a test seeds its own rows
/// (through <see cref="AdminAsync"/>, <see cref="CreateUserWithKeyAsync"/>, <see cref="ChatAsync"/>, with <see cref="Unique"/>
/// names) and asserts on those, never on a table being empty. The fake upstream serves the models gpt-4o-mini and qwen-flash.
/// </remarks>
public sealed class ConsoleGateway : IAsyncLifetime
{
    /// <summary>A name that is markup, quotes and a right-to-left override at once: a page must show it literally, never run or parse it.</summary>
    public const string HostileName = "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\" \u202Eevil\u202C";

    /// <summary>The streamed reply the fake upstream sends, piece by piece.</summary>
    public static readonly string[] ReplyPieces = ["Hello", " from", " the", " fake", " upstream."];

    public FakeUpstream Upstream { get; private set; } = null!;

    /// <summary>Gets or sets the pause between the streamed reply's pieces; a test that watches text arrive sets it longer, and back.</summary>
    public TimeSpan StreamDelay { get; set; } = TimeSpan.FromMilliseconds(20);

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
        // Every request keeps its routing log (the default keeps 1 % of first-attempt successes), so the usage page's
        // routing log is there for any request a test makes.
        Gateway = await GatewayHost.StartAsync(yaml, settings: new Dictionary<string, string?> { ["Switchboard:RoutingLog:SuccessSampleRate"] = "1" });
        Browser = await ConsoleBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    /// <summary>Creates a virtual key through the admin API and returns its full value.</summary>
    public async Task<string> CreateKeyAsync(object body) =>
        (await AdminAsync(HttpMethod.Post, "api/admin/keys", body)).GetProperty("key").GetString()!;

    /// <summary>Calls the REST API as a page would (the admin key by default) and returns the JSON answer; a refusal fails the test with the gateway's body.</summary>
    /// <remarks>Seed a page's data with this: it goes through the same routes, validation and audit as the console does.</remarks>
    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null, string? key = GatewayHost.AdminKey)
    {
        using var client = Gateway.CreateClient(key);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates or updates a user (PUT /api/admin/users/{id}) and returns a new user key for them.</summary>
    public async Task<string> CreateUserWithKeyAsync(string userId, string? displayName = null, string? keyName = null)
    {
        await AdminAsync(HttpMethod.Put, "api/admin/users/" + Uri.EscapeDataString(userId), displayName is null ? new { } : new { display_name = displayName });
        return await CreateKeyAsync(new { name = keyName ?? userId + " key", user_id = userId, role = "user" });
    }

    /// <summary>Sends one chat completion through the gateway with a key and returns its X-Request-Id, after its usage record and routing log entry are written.</summary>
    /// <remarks>Gives the Overview, Usage and Playground pages real usage to show: the fake upstream answers with tokens and the gateway prices them.</remarks>
    public async Task<string> ChatAsync(string key, string model = "gpt-4o-mini", bool stream = false, string prompt = "Say hello.", string? agent = null)
    {
        using var client = Gateway.CreateClient(key);
        if (agent is not null)
        {
            client.DefaultRequestHeaders.Add("X-Agent-Name", agent);
        }

        using var response = await client.PostAsJsonAsync("v1/chat/completions", new
        {
            model,
            stream,
            messages = new[] { new { role = "user", content = prompt } },
        });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"chat with {model} answered {(int)response.StatusCode}: {text}");
        }

        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        // The gateway records a request once its response is over, which may be just after the client read the end;
        // flush, then wait (bounded) until both records can be read, so a page opened next shows them.
        using var admin = Gateway.CreateClient();
        for (var attempt = 0; ; attempt++)
        {
            await Gateway.FlushUsageAsync();
            await Gateway.Services.GetRequiredService<RoutingLogWriterService>().FlushAsync();
            using var record = await admin.GetAsync("api/admin/usage/records/" + requestId);
            using var log = await admin.GetAsync("api/admin/routing-log/" + requestId);
            if (record.IsSuccessStatusCode && log.IsSuccessStatusCode)
            {
                return requestId;
            }

            if (attempt == 100)
            {
                throw new InvalidOperationException($"request {requestId}: usage record {(int)record.StatusCode}, routing log {(int)log.StatusCode} after 10 s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Returns a name no other test of the run uses, so tests sharing this gateway do not see each other's rows by accident.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        if (request.Path.EndsWith("/models", StringComparison.Ordinal))
        {
            await FakeUpstream.Json(context, 200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"},{"id":"qwen-flash","object":"model"}]}""");
            return;
        }

        using var body = JsonDocument.Parse(request.Body);
        if (body.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            await FakeUpstream.Sse(context, OpenAIFakeResponses.Stream(ReplyPieces), StreamDelay);
            return;
        }

        await FakeUpstream.Json(context, 200, OpenAIFakeResponses.Completion(string.Concat(ReplyPieces)));
    }
}
