using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Gemini;

/// <summary>Writes a Gemini <c>functionCall</c> part as an OpenAI tool call object, or as canonical tool-call events.</summary>
/// <remarks>
/// <c>arguments</c> is the compact JSON text of <c>args</c>; the id is <c>functionCall.id</c> or a fresh
/// <c>call_…</c>; the part's <c>thoughtSignature</c> travels as our extension field <c>thought_signature</c> on the
/// tool call, so a client that echoes the message gives it back to Gemini. Owns a pooled scratch buffer; not thread-safe.
/// </remarks>
internal sealed class GeminiToolCallWriter : IDisposable
{
    /// <summary>The writer options for everything sent to clients: raw UTF-8, since the output is never HTML.</summary>
    public static readonly JsonWriterOptions ClientJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly PooledBufferWriter _arguments = new(512);
    private readonly PooledBufferWriter _literal = new(512);
    private Utf8JsonWriter? _argumentsJson;
    private Utf8JsonWriter? _literalJson;

    /// <summary>Hands one whole function call to <paramref name="sink"/> as a tool-call start carrying its arguments; returns the argument bytes.</summary>
    public int WriteEvents(IChatStreamSink sink, int choice, int toolIndex, JsonElement part, JsonElement call)
    {
        WriteArguments(call);
        _literal.Clear();
        if (_literalJson is null)
        {
            _literalJson = new Utf8JsonWriter(_literal, ClientJson);
        }
        else
        {
            _literalJson.Reset(_literal);
        }

        _literalJson.WriteStringValue(_arguments.WrittenSpan);
        _literalJson.Flush();
        var id = call.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String && !idElement.ValueEquals(""u8)
            ? JsonMarshal.GetRawUtf8Value(idElement)
            : JsonStringLiteral.Encode(GeminiIds.ToolCall());
        var name = call.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? JsonMarshal.GetRawUtf8Value(nameElement)
            : "\"\""u8;
        var signature = part.TryGetProperty("thoughtSignature", out var signatureElement) && signatureElement.ValueKind == JsonValueKind.String
            ? JsonMarshal.GetRawUtf8Value(signatureElement)
            : default;
        sink.Write(ChatStreamEvent.ToolCallStart(toolIndex, id, name, choice, signature, _literal.WrittenSpan));
        return _arguments.WrittenCount;
    }

    /// <summary>Writes the tool call object (with <c>index</c> when streaming) and returns the argument bytes written.</summary>
    public int Write(Utf8JsonWriter writer, JsonElement part, JsonElement call, int? index)
    {
        WriteArguments(call);
        writer.WriteStartObject();
        if (index is { } i)
        {
            writer.WriteNumber("index"u8, i);
        }

        if (call.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && !id.ValueEquals(""u8))
        {
            writer.WritePropertyName("id"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(id), skipInputValidation: true);
        }
        else
        {
            writer.WriteString("id"u8, GeminiIds.ToolCall());
        }

        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WritePropertyName("name"u8);
        if (call.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(name), skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }

        writer.WriteString("arguments"u8, _arguments.WrittenSpan);
        writer.WriteEndObject();
        if (part.TryGetProperty("thoughtSignature", out var signature) && signature.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("thought_signature"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(signature), skipInputValidation: true);
        }

        writer.WriteEndObject();
        return _arguments.WrittenCount;
    }

    /// <summary>Writes the compact JSON text of the call's <c>args</c> (or <c>{}</c>) into the scratch buffer.</summary>
    private void WriteArguments(JsonElement call)
    {
        _arguments.Clear();
        if (_argumentsJson is null)
        {
            _argumentsJson = new Utf8JsonWriter(_arguments, ClientJson);
        }
        else
        {
            _argumentsJson.Reset(_arguments);
        }

        if (call.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Object)
        {
            args.WriteTo(_argumentsJson);
        }
        else
        {
            _argumentsJson.WriteStartObject();
            _argumentsJson.WriteEndObject();
        }

        _argumentsJson.Flush();
    }

    public void Dispose()
    {
        _argumentsJson?.Dispose();
        _literalJson?.Dispose();
        _arguments.Dispose();
        _literal.Dispose();
    }
}
