using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers;
using Switchboard.Providers.Gemini;
using Switchboard.Providers.Http;
using Switchboard.Testing;

namespace Switchboard.Providers.Tests.Gemini;

/// <summary>Builds Gemini calls against a fake upstream and reads what the provider produced.</summary>
internal static class GeminiTestKit
{
    public const string Key = "AIza-test-key-123";
    public const string Model = "gemini-2.5-flash";

    public static GeminiProvider Provider() => new(new UpstreamHttpClients());

    public static UpstreamTarget Target(
        FakeUpstream fake, string model = Model, string? extraBody = null, string? platformExtraBody = null,
        IReadOnlyDictionary<string, string>? options = null) => new()
        {
            Endpoint = new UpstreamEndpoint
            {
                PlatformName = "gemini-test",
                Kind = ProviderKinds.Gemini,
                BaseUrl = new Uri(fake.BaseUrl, "/v1beta"),
                Options = options ?? new Dictionary<string, string>(),
                ExtraBody = platformExtraBody is null ? null : JsonDocument.Parse(platformExtraBody).RootElement,
            },
            UpstreamModel = model,
            ApiKey = Key,
            ExtraBody = extraBody is null ? null : JsonDocument.Parse(extraBody).RootElement,
        };

    public static UpstreamChatCall Call(FakeUpstream fake, string body, bool stream = false, UpstreamTarget? target = null, UpstreamTimeouts? timeouts = null) => new()
    {
        Request = new ChatCompletionRequest { Body = Encoding.UTF8.GetBytes(body), Model = "gemini", Stream = stream },
        Target = target ?? Target(fake),
        Timeouts = timeouts ?? UpstreamTimeouts.Default,
    };

    /// <summary>Compares two JSON texts structurally (object member order ignored) and shows both on failure.</summary>
    public static void AssertJsonEqual(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"Expected:\n{e?.ToJsonString()}\nActual:\n{a?.ToJsonString()}");
    }

    /// <summary>Reads the stream to its end and returns the chunks it wrote and the final step.</summary>
    public static async Task<(List<JsonNode> Chunks, StreamStep Last, string Raw)> DrainAsync(IChatStream stream)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var sink = TestSinks.OpenAI(output);
        StreamStep step;
        var guard = 0;
        do
        {
            step = await stream.ReadAsync(sink, CancellationToken.None);
            Assert.True(++guard < 1000, "The stream never ended.");
        }
        while (step == StreamStep.Data);

        var raw = Encoding.UTF8.GetString(output.WrittenSpan);
        return (ParseEvents(raw), step, raw);
    }

    public static List<JsonNode> ParseEvents(string raw)
    {
        var chunks = new List<JsonNode>();
        foreach (var block in raw.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", block, StringComparison.Ordinal);
            Assert.NotEqual("data: [DONE]", block);
            chunks.Add(JsonNode.Parse(block["data: ".Length..])!);
        }

        return chunks;
    }

    /// <summary>Formats Gemini <c>alt=sse</c> events: one <c>data:</c> line per response, with CRLF line ends as Google sends them.</summary>
    public static IEnumerable<string> SseEvents(params string[] responses) => responses.Select(r => $"data: {r}\r\n\r\n");
}
