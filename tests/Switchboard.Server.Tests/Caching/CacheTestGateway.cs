using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Caching;

/// <summary>The setting of the cache tests: an OpenAI-style fake upstream that counts its calls, a catalog model <c>cached</c> that opts in for five minutes and <c>plain</c> that does not, both priced.</summary>
internal static class CacheTestGateway
{
    public const string Body = """{"model":"cached","messages":[{"role":"user","content":"What is the capital of France?"}],"temperature":0}""";

    public static string Yaml(Uri upstream) =>
        $$"""
        platforms:
          alpha:
            kind: openai
            base_url: {{upstream}}v1
            api_key: sk-alpha-upstream-0001
            models:
              model-a: { model_name: upstream-a, input_price: 3, output_price: 6 }
        catalog:
          cached:
            user_input_price: 1.0
            user_output_price: 2.0
            cache: { ttl: 300s }
            sources: [{ platform: alpha, model: model-a }]
          plain:
            user_input_price: 1.0
            user_output_price: 2.0
            sources: [{ platform: alpha, model: model-a }]
        """;

    /// <summary>Starts a fake upstream that answers every chat call with a numbered answer (so a hit is told from a fresh call), streamed when asked.</summary>
    public static async Task<FakeUpstream> StartUpstreamAsync()
    {
        var upstream = await FakeUpstream.StartAsync();
        var calls = 0;
        upstream.Handler = async (ctx, request) =>
        {
            var n = Interlocked.Increment(ref calls);
            using var body = JsonDocument.Parse(request.Body);
            if (body.RootElement.TryGetProperty("stream", out var stream) && stream.GetBoolean())
            {
                await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["Paris, ", $"answer {n}."], prompt: 14, completion: 5));
                return;
            }

            await FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion($"Paris, answer {n}.", prompt: 14, completion: 5));
        };
        return upstream;
    }

    /// <summary>Posts a chat body; returns the response (the caller disposes it).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    /// <summary>Returns the answer text of a non-streamed OpenAI answer.</summary>
    public static async Task<string> ContentAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    /// <summary>Returns what the gateway said the cache did, or null when it did not use it.</summary>
    public static string? CacheHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-switchboard-cache", out var values) ? string.Join(",", values) : null;

    /// <summary>Creates a virtual key with the given body fields; returns a client using it.</summary>
    public static async Task<HttpClient> KeyClientAsync(GatewayHost host, object key)
    {
        using var admin = host.CreateClient();
        var created = await admin.PostAsJsonAsync("api/admin/keys", key);
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, text);
        using var body = JsonDocument.Parse(text);
        return host.CreateClient(body.RootElement.GetProperty("key").GetString());
    }

    /// <summary>Returns the body with <c>"model"</c> replaced and, when asked, <c>"stream": true</c> added.</summary>
    public static string With(string model, bool stream = false, string? content = null)
    {
        var body = Body.Replace("\"model\":\"cached\"", $"\"model\":\"{model}\"", StringComparison.Ordinal);
        if (content is not null)
        {
            body = body.Replace("What is the capital of France?", content, StringComparison.Ordinal);
        }

        return stream ? body.Replace("\"temperature\":0", "\"temperature\":0,\"stream\":true,\"stream_options\":{\"include_usage\":true}", StringComparison.Ordinal) : body;
    }
}
