using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Classic;

/// <summary>The original service's routes against each upstream kind: a plain answer, a stream, and a tool round trip, each with one usage record naming the classic protocol.</summary>
public sealed class ClassicUpstreamKindTests
{
    private const string UpstreamKey = "sk-upstream-classic-0001";

    public static TheoryData<string> Kinds => new() { "demo", "openai", "anthropic", "gemini" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PlainStreamedAndToolRoundTrip(string kind)
    {
        await using var fake = kind == "demo" ? null : await FakeUpstream.StartAsync();
        if (fake is not null)
        {
            fake.Handler = ProtocolFakes.Handler(kind);
        }

        await using var host = await GatewayHost.StartAsync(fake is null ? null : ProtocolFakes.Yaml(kind, fake.BaseUrl, UpstreamKey));
        using var client = host.CreateClient();
        var model = kind == "demo" ? "demo" : "chat";
        var greeting = kind == "demo" ? "Hello from the Switchboard demo model." : ProtocolFakes.Greeting;

        // Plain answer: an OpenAI chat completion object.
        var plain = await PostAsync(client, "/api/v1/chat/completions", Body(model, [new { role = "user", content = "Hi" }]));
        Assert.Equal("chat.completion", plain.GetProperty("object").GetString());
        Assert.StartsWith(greeting, plain.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);

        // Stream: OpenAI chunks ending with [DONE].
        using var streamed = await client.PostAsJsonAsync("/api/v1/chat/completions/stream", Body(model, [new { role = "user", content = "Hi" }]));
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        var body = await streamed.Content.ReadAsStringAsync();
        Assert.Equal("[DONE]", SseParser.DataLines(body)[^1]);
        var text = string.Concat(SseParser.Chunks(body)
            .Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : ""));
        Assert.StartsWith(greeting, text, StringComparison.Ordinal);

        // Tool round trip: the model calls get_weather, the client answers, the model uses the answer.
        var tools = new object[] { new { type = "function", function = new { name = "get_weather", description = "Weather in a city", parameters = new { type = "object", properties = new { city = new { type = "string" } }, required = new[] { "city" } } } } };
        object[] ask = [new { role = "user", content = "Weather in Paris?" }];
        var first = await PostAsync(client, "/api/v1/chat/completions", Body(model, ask, tools));
        var message = first.GetProperty("choices")[0].GetProperty("message");
        var call = message.GetProperty("tool_calls")[0];
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        object[] answer =
        [
            ask[0],
            JsonNode.Parse(message.GetRawText())!,
            new { role = "tool", tool_call_id = call.GetProperty("id").GetString(), content = "sunny, 21 C" },
        ];
        var second = await PostAsync(client, "/api/v1/chat/completions", Body(model, answer, tools));
        var final = second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        if (kind == "demo")
        {
            Assert.StartsWith("The tool returned:", final, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ProtocolFakes.WeatherAnswer, final);
        }

        var records = await host.FlushUsageAsync();
        Assert.Equal(4, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal("classic", r.Protocol);
            Assert.Equal("success", r.Status);
        });
        Assert.True(records.Single(r => r.Stream).Tokens.InputTokens > 0);
    }

    private static object Body(string model, object[] messages, object[]? tools = null) => new
    {
        model_name = model,
        messages,
        parameters = tools is null ? (object)new { max_tokens = 200 } : new { max_tokens = 200, tools },
    };

    private static async Task<JsonElement> PostAsync(HttpClient client, string route, object body)
    {
        using var response = await client.PostAsJsonAsync(route, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
