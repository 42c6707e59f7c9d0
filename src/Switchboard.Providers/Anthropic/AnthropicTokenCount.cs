using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Providers.Anthropic;

/// <summary>Shapes a Messages body for Anthropic's <c>/messages/count_tokens</c> and reads its answer.</summary>
/// <remarks>
/// count_tokens refuses any field it does not take (<c>max_tokens</c>, <c>stream</c>, <c>temperature</c>,
/// <c>stop_sequences</c>, <c>metadata</c> … answer "Extra inputs are not permitted"), so the body keeps only the fields
/// that shape the prompt: a field Anthropic adds later is dropped, costing at most a little accuracy, never a 400.
/// </remarks>
internal static class AnthropicTokenCount
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The top-level fields count_tokens accepts.</summary>
    private static readonly string[] Counted =
        ["model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers", "output_config", "output_format", "context_management", "cache_control"];

    /// <summary>Writes the count_tokens body: <paramref name="messagesBody"/> (a whole Messages request) with only the counted fields.</summary>
    public static void WriteBody(ReadOnlyMemory<byte> messagesBody, IBufferWriter<byte> output)
    {
        using var document = JsonDocument.Parse(messagesBody);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (Array.IndexOf(Counted, property.Name) >= 0)
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Reads <c>input_tokens</c> from the answer; false when it has none or it is not a whole non-negative number.</summary>
    public static bool TryRead(byte[] json, out long inputTokens)
    {
        inputTokens = 0;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("input_tokens"u8, out var count)
                && count.ValueKind == JsonValueKind.Number
                && count.TryGetInt64(out inputTokens)
                && inputTokens >= 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
