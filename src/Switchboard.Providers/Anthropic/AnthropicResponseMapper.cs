using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Anthropic;

/// <summary>Translates an Anthropic Messages response into an OpenAI <c>chat.completion</c> object.</summary>
/// <remarks>
/// Text blocks are concatenated into <c>content</c>, <c>tool_use</c> blocks become <c>tool_calls</c> (input as a JSON
/// string), and <c>thinking</c> becomes <c>reasoning_content</c> plus our <c>reasoning_signature</c> extension, which
/// the request mapper turns back into a signed thinking block. <c>redacted_thinking</c> and server-tool blocks have no
/// OpenAI shape and are left out.
/// </remarks>
internal static class AnthropicResponseMapper
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads an Anthropic answer: as an OpenAI <c>chat.completion</c>, or, when <paramref name="native"/>, as itself for an Anthropic client, with its usage and finish read.</summary>
    public static UpstreamResult<ChatCompletion> FromAnthropicResponse(byte[] json, string platform, long created, bool native = false)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return UpstreamErrorFactory.Malformed(platform, "the body is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return UpstreamErrorFactory.Malformed(platform, "the body is not a JSON object");
            }

            if (root.TryGetProperty("type", out var type) && type.ValueEquals("error"u8))
            {
                return FromAnthropicError(root, platform, status: 200);
            }

            if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
            {
                return UpstreamErrorFactory.Malformed(platform, "the message has no content array");
            }

            var finishReason = root.TryGetProperty("stop_reason", out var stop) && stop.ValueKind == JsonValueKind.String
                ? AnthropicStopReasons.ToFinishReason(JsonMarshal.GetRawUtf8Value(stop)[1..^1])
                : "stop";
            var usage = root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object ? ReadUsage(u) : default;
            if (native)
            {
                return new ChatCompletion
                {
                    Json = json,
                    NativeProtocol = ClientProtocols.AnthropicMessages,
                    Usage = usage.ToTokenUsage(),
                    UsageSource = usage.HasAny ? UsageSource.Reported : UsageSource.None,
                    FinishReason = finishReason,
                };
            }

            var output = new ArrayBufferWriter<byte>(json.Length + 256);
            using (var writer = new Utf8JsonWriter(output, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, ToChatCompletionId(root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : ""));
                writer.WriteString("object"u8, "chat.completion"u8);
                writer.WriteNumber("created"u8, created);
                if (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
                {
                    writer.WritePropertyName("model"u8);
                    model.WriteTo(writer);
                }

                writer.WriteStartArray("choices"u8);
                writer.WriteStartObject();
                writer.WriteNumber("index"u8, 0);
                WriteMessage(writer, content);
                writer.WriteNull("logprobs"u8);
                writer.WriteString("finish_reason"u8, finishReason);
                writer.WriteEndObject();
                writer.WriteEndArray();
                if (usage.HasAny)
                {
                    usage.WriteOpenAIUsage(writer);
                }

                writer.WriteEndObject();
            }

            return new ChatCompletion
            {
                Json = output.WrittenMemory,
                Usage = usage.ToTokenUsage(),
                UsageSource = usage.HasAny ? UsageSource.Reported : UsageSource.None,
                FinishReason = finishReason,
            };
        }
    }

    /// <summary>Prefixes Anthropic's <c>msg_…</c> id so clients that expect <c>chatcmpl-</c> ids get one; the original stays readable.</summary>
    public static string ToChatCompletionId(string messageId) =>
        messageId.StartsWith("chatcmpl-", StringComparison.Ordinal) ? messageId : "chatcmpl-" + messageId;

    /// <summary>Builds the error for an Anthropic <c>{"type":"error","error":{type,message}}</c> object.</summary>
    public static UpstreamError FromAnthropicError(JsonElement root, string platform, int status)
    {
        var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
        var type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var kind = type is null ? UpstreamErrorKind.ServerError : AnthropicErrors.KindOf(Encoding.UTF8.GetBytes(type));
        return new UpstreamError(kind, message ?? $"Upstream '{platform}' reported an error.") { UpstreamCode = type, UpstreamStatus = status };
    }

    private static void WriteMessage(Utf8JsonWriter writer, JsonElement content)
    {
        StringBuilder? text = null;
        StringBuilder? thinking = null;
        string? signature = null;
        var toolCalls = 0;
        foreach (var block in content.EnumerateArray())
        {
            var type = block.TryGetProperty("type", out var t) ? t : default;
            if (type.ValueEquals("text"u8) && block.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                (text ??= new StringBuilder()).Append(value.GetString());
            }
            else if (type.ValueEquals("thinking"u8) && block.TryGetProperty("thinking", out var reasoning) && reasoning.ValueKind == JsonValueKind.String)
            {
                (thinking ??= new StringBuilder()).Append(reasoning.GetString());
                signature = block.TryGetProperty("signature", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : signature;
            }
            else if (type.ValueEquals("tool_use"u8))
            {
                toolCalls++;
            }
        }

        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (text is null)
        {
            writer.WriteNull("content"u8);
        }
        else
        {
            writer.WriteString("content"u8, text.ToString());
        }

        if (thinking is not null)
        {
            writer.WriteString("reasoning_content"u8, thinking.ToString());
            if (signature is not null)
            {
                writer.WriteString("reasoning_signature"u8, signature);
            }
        }

        if (toolCalls > 0)
        {
            WriteToolCalls(writer, content);
        }

        writer.WriteEndObject();
    }

    private static void WriteToolCalls(Utf8JsonWriter writer, JsonElement content)
    {
        writer.WriteStartArray("tool_calls"u8);
        foreach (var block in content.EnumerateArray())
        {
            if (!(block.TryGetProperty("type", out var type) && type.ValueEquals("tool_use"u8)))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WritePropertyName("id"u8);
            WriteStringOrEmpty(writer, block, "id");
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WritePropertyName("name"u8);
            WriteStringOrEmpty(writer, block, "name");

            // OpenAI carries arguments as a JSON string; the raw input keeps the upstream's exact bytes.
            var arguments = block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object
                ? JsonMarshal.GetRawUtf8Value(input) : "{}"u8;
            writer.WriteString("arguments"u8, arguments);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStringOrEmpty(Utf8JsonWriter writer, JsonElement holder, string name)
    {
        if (holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }
    }

    private static AnthropicUsage ReadUsage(JsonElement usage)
    {
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(usage));
        reader.Read();
        return AnthropicUsage.Read(ref reader);
    }
}
