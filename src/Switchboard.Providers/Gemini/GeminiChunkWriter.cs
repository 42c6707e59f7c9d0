using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Gemini;

/// <summary>Writes whole OpenAI <c>chat.completion.chunk</c> SSE events, reusing one JSON writer for the stream.</summary>
/// <remarks>Text is copied from the upstream token still escaped, so no string is decoded per chunk. Not thread-safe.</remarks>
internal sealed class GeminiChunkWriter : IDisposable
{
    private readonly GeminiToolCallWriter _toolCalls = new();
    private Utf8JsonWriter? _json;
    private JsonEncodedText _id;
    private JsonEncodedText _model;
    private long _created;

    /// <summary>Sets the id, model and creation time every chunk carries.</summary>
    public void SetIdentity(ChunkIdentity identity)
    {
        _id = JsonEncodedText.Encode(identity.Id ?? "", GeminiToolCallWriter.ClientJson.Encoder);
        _model = JsonEncodedText.Encode(identity.Model ?? "", GeminiToolCallWriter.ClientJson.Encoder);
        _created = identity.Created;
    }

    /// <summary>Writes the first chunk of a choice: the assistant role with empty content.</summary>
    public void Role(IBufferWriter<byte> output, int choice)
    {
        var json = Begin(output, choice);
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("content"u8, ""u8);
        End(output, null);
    }

    /// <summary>Writes a content or reasoning delta from a Gemini text token; returns the text's UTF-8 byte count.</summary>
    public int Text(IBufferWriter<byte> output, int choice, JsonElement text, bool reasoning)
    {
        var raw = JsonMarshal.GetRawUtf8Value(text);
        var json = Begin(output, choice);
        json.WritePropertyName(reasoning ? "reasoning_content"u8 : "content"u8);
        json.WriteRawValue(raw, skipInputValidation: true);
        End(output, null);
        return GeminiTextBytes.Count(raw);
    }

    /// <summary>Writes one complete tool call delta; returns the argument byte count.</summary>
    public int ToolCall(IBufferWriter<byte> output, int choice, int toolIndex, JsonElement part, JsonElement call)
    {
        var json = Begin(output, choice);
        json.WriteStartArray("tool_calls"u8);
        var bytes = _toolCalls.Write(json, part, call, toolIndex);
        json.WriteEndArray();
        End(output, null);
        return bytes;
    }

    /// <summary>Writes the closing chunk of a choice with an empty delta and the finish reason.</summary>
    public void Finish(IBufferWriter<byte> output, int choice, string finishReason)
    {
        Begin(output, choice);
        End(output, finishReason);
    }

    private Utf8JsonWriter Begin(IBufferWriter<byte> output, int choice)
    {
        "data: "u8.CopyTo(output.GetSpan(6));
        output.Advance(6);
        if (_json is null)
        {
            _json = new Utf8JsonWriter(output, GeminiToolCallWriter.ClientJson);
        }
        else
        {
            _json.Reset(output);
        }

        var json = _json;
        json.WriteStartObject();
        json.WriteString("id"u8, _id);
        json.WriteString("object"u8, "chat.completion.chunk"u8);
        json.WriteNumber("created"u8, _created);
        json.WriteString("model"u8, _model);
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, choice);
        json.WriteStartObject("delta"u8);
        return json;
    }

    private void End(IBufferWriter<byte> output, string? finishReason)
    {
        var json = _json!;
        json.WriteEndObject();
        if (finishReason is null)
        {
            json.WriteNull("finish_reason"u8);
        }
        else
        {
            json.WriteString("finish_reason"u8, finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        "\n\n"u8.CopyTo(output.GetSpan(2));
        output.Advance(2);
    }

    public void Dispose()
    {
        _json?.Dispose();
        _toolCalls.Dispose();
    }
}
