using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Providers.Anthropic;

/// <summary>Writes whole OpenAI <c>chat.completion.chunk</c> SSE events for one stream, reusing one JSON writer.</summary>
/// <remarks>
/// Text payloads arrive as raw JSON string tokens from the upstream event and are copied without decoding. Every
/// chunk carries the same id, model and created time. Not thread-safe; one instance per stream.
/// </remarks>
internal sealed class AnthropicChunkWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private Utf8JsonWriter? _writer;
    private JsonEncodedText _id;
    private JsonEncodedText _model;
    private long _created;

    public void SetIdentity(string id, string model, long created)
    {
        _id = JsonEncodedText.Encode(id, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _model = JsonEncodedText.Encode(model, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _created = created;
    }

    /// <summary>Writes the opening chunk: <c>{"role":"assistant","content":""}</c>.</summary>
    public void Role(IBufferWriter<byte> output)
    {
        var writer = Begin(output);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("content"u8, ""u8);
        End(writer, output, finishReason: null);
    }

    /// <summary>Writes a <c>content</c> delta from a raw JSON string token.</summary>
    public void Content(IBufferWriter<byte> output, ReadOnlySpan<byte> rawString) => Field(output, "content"u8, rawString);

    /// <summary>Writes a <c>reasoning_content</c> delta from a raw JSON string token.</summary>
    public void Reasoning(IBufferWriter<byte> output, ReadOnlySpan<byte> rawString) => Field(output, "reasoning_content"u8, rawString);

    /// <summary>Writes our <c>reasoning_signature</c> delta, which clients echo back to continue a thinking turn.</summary>
    public void Signature(IBufferWriter<byte> output, ReadOnlySpan<byte> rawString) => Field(output, "reasoning_signature"u8, rawString);

    /// <summary>Writes the first fragment of a tool call: index, id, type, name and empty arguments.</summary>
    public void ToolStart(IBufferWriter<byte> output, int index, ReadOnlySpan<byte> rawId, ReadOnlySpan<byte> rawName)
    {
        var writer = Begin(output);
        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        writer.WritePropertyName("id"u8);
        WriteRawOrEmpty(writer, rawId);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WritePropertyName("name"u8);
        WriteRawOrEmpty(writer, rawName);
        writer.WriteString("arguments"u8, ""u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        End(writer, output, finishReason: null);
    }

    /// <summary>Writes an <c>arguments</c> fragment of the tool call at <paramref name="index"/>.</summary>
    public void ToolArguments(IBufferWriter<byte> output, int index, ReadOnlySpan<byte> rawFragment)
    {
        var writer = Begin(output);
        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        writer.WriteStartObject("function"u8);
        writer.WritePropertyName("arguments"u8);
        writer.WriteRawValue(rawFragment, skipInputValidation: true);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        End(writer, output, finishReason: null);
    }

    /// <summary>Writes the finish chunk: an empty delta and the finish reason.</summary>
    public void Finish(IBufferWriter<byte> output, string finishReason)
    {
        var writer = Begin(output);
        End(writer, output, finishReason);
    }

    private void Field(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawString)
    {
        var writer = Begin(output);
        writer.WritePropertyName(name);
        writer.WriteRawValue(rawString, skipInputValidation: true);
        End(writer, output, finishReason: null);
    }

    private Utf8JsonWriter Begin(IBufferWriter<byte> output)
    {
        "data: "u8.CopyTo(output.GetSpan(6));
        output.Advance(6);
        var writer = _writer;
        if (writer is null)
        {
            writer = _writer = new Utf8JsonWriter(output, Options);
        }
        else
        {
            writer.Reset(output);
        }

        writer.WriteStartObject();
        writer.WriteString("id"u8, _id);
        writer.WriteString("object"u8, "chat.completion.chunk"u8);
        writer.WriteNumber("created"u8, _created);
        writer.WriteString("model"u8, _model);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("delta"u8);
        return writer;
    }

    private static void End(Utf8JsonWriter writer, IBufferWriter<byte> output, string? finishReason)
    {
        writer.WriteEndObject();
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason"u8);
        }
        else
        {
            writer.WriteString("finish_reason"u8, finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        "\n\n"u8.CopyTo(output.GetSpan(2));
        output.Advance(2);
    }

    private static void WriteRawOrEmpty(Utf8JsonWriter writer, ReadOnlySpan<byte> raw)
    {
        if (raw.Length >= 2)
        {
            writer.WriteRawValue(raw, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }
    }

    public void Dispose() => _writer?.Dispose();
}
