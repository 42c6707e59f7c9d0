using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Tests.Anthropic;

/// <summary>Builds calls against a fake Anthropic upstream and reads what the adapter produced.</summary>
internal static class AnthropicTestKit
{
    public const string Model = "claude-sonnet-4-5";
    public const string Key = "sk-ant-test-key";

    public static UpstreamEndpoint Endpoint(
        Uri fakeBaseUrl,
        IReadOnlyDictionary<string, string>? options = null,
        IReadOnlyDictionary<string, string>? headers = null,
        string? extraBody = null) => new()
        {
            PlatformName = "claude",
            Kind = ProviderKinds.Anthropic,
            BaseUrl = new Uri(fakeBaseUrl, "v1"),
            Options = options ?? new Dictionary<string, string>(),
            Headers = headers ?? new Dictionary<string, string>(),
            ExtraBody = extraBody is null ? null : JsonDocument.Parse(extraBody).RootElement,
        };

    public static UpstreamChatCall Call(string json, UpstreamEndpoint endpoint, UpstreamTimeouts? timeouts = null, string? modelExtraBody = null)
    {
        using var doc = JsonDocument.Parse(json);
        var stream = doc.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        return new UpstreamChatCall
        {
            Request = new ChatCompletionRequest
            {
                Body = Encoding.UTF8.GetBytes(json),
                Model = "claude",
                Stream = stream,
                MessageCount = doc.RootElement.GetProperty("messages").GetArrayLength(),
            },
            Target = new UpstreamTarget
            {
                Endpoint = endpoint,
                UpstreamModel = Model,
                ApiKey = Key,
                ExtraBody = modelExtraBody is null ? null : JsonDocument.Parse(modelExtraBody).RootElement,
            },
            Timeouts = timeouts ?? UpstreamTimeouts.Default,
        };
    }

    public static UpstreamChatCall SimpleCall(Uri fakeBaseUrl, bool stream = false, UpstreamTimeouts? timeouts = null) =>
        Call($$"""{"model":"claude","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hi"}]}""", Endpoint(fakeBaseUrl), timeouts);

    /// <summary>Formats raw Anthropic events as SSE text, each with its <c>event:</c> line.</summary>
    public static string[] Events(params string[] dataLines) =>
        dataLines.Select(data => $"event: {JsonDocument.Parse(data).RootElement.GetProperty("type").GetString()}\ndata: {data}\n\n").ToArray();

    /// <summary>Reads the stream to its end, checking every read wrote whole events only.</summary>
    public static async Task<StreamResult> DrainAsync(IChatStream stream)
    {
        var output = new ArrayBufferWriter<byte>();
        var sink = TestSinks.OpenAI(output);
        var steps = 0;
        StreamStep step;
        do
        {
            step = await stream.ReadAsync(sink, CancellationToken.None);
            var text = Encoding.UTF8.GetString(output.WrittenSpan);
            Assert.True(text.Length == 0 || text.EndsWith("\n\n", StringComparison.Ordinal), "A read left half an event on the wire.");
            Assert.True(++steps < 1000, "The stream did not end.");
        }
        while (step == StreamStep.Data);

        var chunks = Encoding.UTF8.GetString(output.WrittenSpan)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e =>
            {
                Assert.StartsWith("data: ", e, StringComparison.Ordinal);
                Assert.DoesNotContain("[DONE]", e, StringComparison.Ordinal);
                return JsonNode.Parse(e["data: ".Length..])!.AsObject();
            })
            .ToList();
        return new StreamResult(chunks, step);
    }

    public static JsonObject Delta(JsonObject chunk) => chunk["choices"]![0]!["delta"]!.AsObject();

    public static string? Finish(JsonObject chunk) => chunk["choices"]![0]!["finish_reason"]?.GetValue<string>();

    public static void AssertJsonEqual(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), $"Expected:\n{expectedNode?.ToJsonString()}\nActual:\n{actual?.ToJsonString()}");
    }

    public static void AssertJsonEqual(string expected, byte[] actual) => AssertJsonEqual(expected, JsonNode.Parse(actual));

    /// <summary>Holds the parsed chunks of a drained stream and the step that ended it.</summary>
    public sealed record StreamResult(List<JsonObject> Chunks, StreamStep Final);
}
