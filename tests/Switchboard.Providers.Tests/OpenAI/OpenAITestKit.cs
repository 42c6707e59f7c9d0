using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.Tests.OpenAI;

/// <summary>Builds calls for the OpenAI-compatible adapter and reads what it streams.</summary>
internal static class OpenAITestKit
{
    public static UpstreamEndpoint Endpoint(Uri baseUrl, IReadOnlyDictionary<string, string>? options = null, string? extraBody = null, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        PlatformName = "fake",
        Kind = ProviderKinds.OpenAI,
        BaseUrl = new Uri(baseUrl, "v1"),
        Options = options ?? new Dictionary<string, string>(),
        Headers = headers ?? new Dictionary<string, string>(),
        ExtraBody = extraBody is null ? null : JsonDocument.Parse(extraBody).RootElement.Clone(),
    };

    public static UpstreamChatCall Call(string json, UpstreamEndpoint endpoint, string key = "sk-test", string model = "gpt-up", string? modelExtraBody = null, UpstreamTimeouts? timeouts = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var stream = root.TryGetProperty("stream", out var s) && s.GetBoolean();
        return new UpstreamChatCall
        {
            Request = new ChatCompletionRequest
            {
                Body = body,
                Model = root.GetProperty("model").GetString()!,
                Stream = stream,
                MessageCount = root.GetProperty("messages").GetArrayLength(),
            },
            Target = new UpstreamTarget
            {
                Endpoint = endpoint,
                UpstreamModel = model,
                ApiKey = key,
                ExtraBody = modelExtraBody is null ? null : JsonDocument.Parse(modelExtraBody).RootElement.Clone(),
            },
            Timeouts = timeouts ?? new UpstreamTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)),
        };
    }

    /// <summary>Reads a stream to its end and returns the data payloads it wrote and the last step.</summary>
    public static async Task<(List<string> Data, StreamStep Last)> DrainAsync(IChatStream stream)
    {
        var output = new ArrayBufferWriter<byte>();
        var sink = TestSinks.OpenAI(output);
        StreamStep step;
        do
        {
            step = await stream.ReadAsync(sink, CancellationToken.None);
        }
        while (step == StreamStep.Data);

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        var data = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            Assert.StartsWith("data: ", e);
            return e["data: ".Length..];
        }).ToList();
        return (data, step);
    }
}
