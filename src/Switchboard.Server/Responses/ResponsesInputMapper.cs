using System.Text;
using System.Text.Json;
using Switchboard.Core.Answers;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Responses;

/// <summary>Translates Responses input items into OpenAI Chat messages, one item at a time.</summary>
/// <remarks>
/// An assistant turn arrives in Responses as several items (a <c>reasoning</c> item, a <c>message</c>, one
/// <c>function_call</c> per call); Chat holds it as one assistant message, and an upstream such as Anthropic needs the
/// calls of one turn in one message. So assistant items gather here until an item of another role arrives
/// (<see cref="Flush"/>). Reasoning maps to our <c>reasoning_content</c>/<c>reasoning_signature</c> extension, which a
/// provider that thinks maps back. Not thread-safe; one instance per request.
/// </remarks>
internal sealed class ResponsesInputMapper(Utf8JsonWriter writer)
{
    private readonly StringBuilder _text = new();
    private readonly List<ChatAnswerToolCall> _calls = [];
    private string? _reasoning;
    private string? _signature;

    /// <summary>Gets how many messages were written.</summary>
    public int Count { get; private set; }

    /// <summary>Writes the <c>instructions</c> as the leading system message.</summary>
    public void Instructions(string text)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, "system"u8);
        writer.WriteString("content"u8, text);
        writer.WriteEndObject();
        Count++;
    }

    /// <summary>Writes a plain user message (the string form of <c>input</c>).</summary>
    public void UserText(string text)
    {
        Flush();
        writer.WriteStartObject();
        writer.WriteString("role"u8, "user"u8);
        writer.WriteString("content"u8, text);
        writer.WriteEndObject();
        Count++;
    }

    /// <summary>Maps one input item; <paramref name="path"/> names it in errors (<c>input[3]</c>).</summary>
    public GatewayError? Map(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type(path, "an object");
        }

        string? type = null;
        if (item.TryGetProperty("type", out var typeValue) && typeValue.ValueKind != JsonValueKind.Null)
        {
            if (typeValue.ValueKind != JsonValueKind.String)
            {
                return ResponsesErrors.Type(path + ".type", "a string");
            }

            type = typeValue.GetString();
        }

        return type switch
        {
            null or "message" => Message(item, path),
            "function_call" => FunctionCall(item, path),
            "function_call_output" => FunctionCallOutput(item, path),
            "reasoning" => Reasoning(item, path),
            "item_reference" => ResponsesErrors.Unsupported(path + ".type", $"'{path}' is an item_reference; the gateway resolves earlier items only through previous_response_id, so send the item itself."),
            _ => ResponsesErrors.Unsupported(path + ".type", $"'{path}.type' '{type}' is not supported: only message, function_call, function_call_output and reasoning items reach a model through this gateway."),
        };
    }

    /// <summary>Writes the assistant turn gathered so far, if it has text or calls (reasoning alone has nothing to attach to).</summary>
    public void Flush()
    {
        if (_text.Length > 0 || _calls.Count > 0)
        {
            CanonicalAssistantMessage.Write(writer, _text.Length > 0 ? _text.ToString() : null, _reasoning, _signature, _calls);
            Count++;
        }

        _text.Clear();
        _calls.Clear();
        _reasoning = null;
        _signature = null;
    }

    private GatewayError? Message(JsonElement item, string path)
    {
        if (!item.TryGetProperty("role", out var roleValue) || roleValue.ValueKind == JsonValueKind.Null)
        {
            return ResponsesErrors.Missing(path + ".role");
        }

        if (roleValue.ValueKind != JsonValueKind.String)
        {
            return ResponsesErrors.Type(path + ".role", "a string");
        }

        var role = roleValue.GetString();
        if (role is not ("user" or "assistant" or "system" or "developer"))
        {
            return ResponsesErrors.Invalid(path + ".role", $"'{path}.role' must be one of user, assistant, system, developer (got '{role}').");
        }

        if (!item.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return ResponsesErrors.Missing(path + ".content");
        }

        if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return ResponsesErrors.Type(path + ".content", "a string or an array of content parts");
        }

        if (role == "assistant")
        {
            if (_calls.Count > 0)
            {
                Flush();
            }

            return ResponsesContentMapper.AppendText(content, path + ".content", _text);
        }

        Flush();
        if (role != "user" || content.ValueKind == JsonValueKind.String)
        {
            // Chat's system and developer messages take text only.
            var text = new StringBuilder();
            if (ResponsesContentMapper.AppendText(content, path + ".content", text) is { } error)
            {
                return error;
            }

            writer.WriteStartObject();
            writer.WriteString("role"u8, role);
            writer.WriteString("content"u8, text.ToString());
            writer.WriteEndObject();
            Count++;
            return null;
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, "user"u8);
        writer.WriteStartArray("content"u8);
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            if (ResponsesContentMapper.UserPart(writer, part, $"{path}.content[{index}]") is { } error)
            {
                return error;
            }

            index++;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        Count++;
        return null;
    }

    private GatewayError? FunctionCall(JsonElement item, string path)
    {
        if (ResponsesContentMapper.RequiredString(item, "call_id", path, out var callId) is { } callError)
        {
            return callError;
        }

        if (ResponsesContentMapper.RequiredString(item, "name", path, out var name) is { } nameError)
        {
            return nameError;
        }

        if (ResponsesContentMapper.RequiredString(item, "arguments", path, out var arguments) is { } argumentsError)
        {
            return argumentsError;
        }

        var signature = item.TryGetProperty("thought_signature", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        _calls.Add(new ChatAnswerToolCall(callId, name, arguments, signature));
        return null;
    }

    private GatewayError? FunctionCallOutput(JsonElement item, string path)
    {
        if (ResponsesContentMapper.RequiredString(item, "call_id", path, out var callId) is { } callError)
        {
            return callError;
        }

        if (!item.TryGetProperty("output", out var output) || output.ValueKind == JsonValueKind.Null)
        {
            return ResponsesErrors.Missing(path + ".output");
        }

        if (output.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return ResponsesErrors.Type(path + ".output", "a string or an array of content parts");
        }

        var text = new StringBuilder();
        if (ResponsesContentMapper.AppendText(output, path + ".output", text) is { } error)
        {
            return error;
        }

        Flush();
        writer.WriteStartObject();
        writer.WriteString("role"u8, "tool"u8);
        writer.WriteString("tool_call_id"u8, callId);
        writer.WriteString("content"u8, text.ToString());
        writer.WriteEndObject();
        Count++;
        return null;
    }

    private GatewayError? Reasoning(JsonElement item, string path)
    {
        if (_text.Length > 0 || _calls.Count > 0)
        {
            Flush();
        }

        var summary = new StringBuilder();
        if (item.TryGetProperty("summary", out var parts) && parts.ValueKind != JsonValueKind.Null)
        {
            if (parts.ValueKind != JsonValueKind.Array)
            {
                return ResponsesErrors.Type(path + ".summary", "an array");
            }

            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    summary.Append(summary.Length > 0 ? "\n\n" : "").Append(text.GetString());
                }
            }
        }

        _reasoning = summary.ToString();
        _signature = item.TryGetProperty("encrypted_content", out var sealedContent) && sealedContent.ValueKind == JsonValueKind.String ? sealedContent.GetString() : null;
        return null;
    }
}
