using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Anthropic;

/// <summary>Translates OpenAI <c>messages</c> into Anthropic's top-level <c>system</c> and its user/assistant turns.</summary>
/// <remarks>
/// System and developer messages move to <c>system</c> wherever they stand. Assistant tool calls become
/// <c>tool_use</c> blocks, and each run of <c>tool</c> messages becomes one user turn of <c>tool_result</c> blocks.
/// An assistant message that carries <c>reasoning_content</c> with our <c>reasoning_signature</c> extension gets
/// its <c>thinking</c> block back, first, so extended thinking survives a tool loop.
/// </remarks>
internal static class AnthropicMessageMapper
{
    /// <summary>Writes <c>system</c>: a string for one plain system message, else text blocks (keeping <c>cache_control</c>).</summary>
    public static UpstreamError? WriteSystem(Utf8JsonWriter writer, JsonElement messages, HashSet<string> written)
    {
        var count = 0;
        JsonElement single = default;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (IsSystem(message))
            {
                var content = message.TryGetProperty("content", out var c) ? c : default;
                if (content.ValueKind == JsonValueKind.Array)
                {
                    var part = 0;
                    foreach (var item in content.EnumerateArray())
                    {
                        if (!(item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var type) && type.ValueEquals("text"u8)))
                        {
                            return AnthropicRequestErrors.Invalid($"messages[{index}].content[{part}].type", $"'messages[{index}].content[{part}]': system messages take text parts only.");
                        }

                        part++;
                    }
                }
                else if (content.ValueKind != JsonValueKind.String)
                {
                    return AnthropicRequestErrors.Invalid($"messages[{index}].content", $"'messages[{index}].content' must be a string or an array of text parts.");
                }

                single = content;
                count++;
            }

            index++;
        }

        if (count == 0)
        {
            return null;
        }

        written.Add("system");
        if (count == 1 && single.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("system"u8);
            single.WriteTo(writer);
            return null;
        }

        writer.WriteStartArray("system"u8);
        foreach (var message in messages.EnumerateArray())
        {
            if (!IsSystem(message))
            {
                continue;
            }

            var content = message.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                if (content.GetString()!.Length > 0)
                {
                    writer.WriteStartObject();
                    writer.WriteString("type"u8, "text"u8);
                    writer.WritePropertyName("text"u8);
                    content.WriteTo(writer);
                    writer.WriteEndObject();
                }
            }
            else
            {
                foreach (var part in content.EnumerateArray())
                {
                    AnthropicContentMapper.WriteTextBlock(writer, part);
                }
            }
        }

        writer.WriteEndArray();
        return null;
    }

    /// <summary>Writes the <c>messages</c> array.</summary>
    public static UpstreamError? WriteMessages(Utf8JsonWriter writer, JsonElement messages)
    {
        writer.WriteStartArray("messages"u8);
        var toolTurnOpen = false;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages[{index++}]";
            var role = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (role is "system" or "developer")
            {
                continue;
            }

            if (role == "tool")
            {
                if (!toolTurnOpen)
                {
                    writer.WriteStartObject();
                    writer.WriteString("role"u8, "user"u8);
                    writer.WriteStartArray("content"u8);
                    toolTurnOpen = true;
                }

                if (WriteToolResult(writer, message, path) is { } toolError)
                {
                    return toolError;
                }

                continue;
            }

            if (toolTurnOpen)
            {
                writer.WriteEndArray();
                writer.WriteEndObject();
                toolTurnOpen = false;
            }

            var error = role switch
            {
                "user" => WriteUser(writer, message, path),
                "assistant" => WriteAssistant(writer, message, path),
                _ => AnthropicRequestErrors.Invalid($"{path}.role", $"'{path}.role' must be system, developer, user, assistant or tool."),
            };
            if (error is not null)
            {
                return error;
            }
        }

        if (toolTurnOpen)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        return null;
    }

    private static UpstreamError? WriteUser(Utf8JsonWriter writer, JsonElement message, string path)
    {
        var content = message.TryGetProperty("content", out var c) ? c : default;
        writer.WriteStartObject();
        writer.WriteString("role"u8, "user"u8);
        if (content.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("content"u8);
            content.WriteTo(writer);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray("content"u8);
            if (AnthropicContentMapper.WriteParts(writer, content, $"{path}.content") is { } error)
            {
                return error;
            }

            writer.WriteEndArray();
        }
        else
        {
            return AnthropicRequestErrors.Invalid($"{path}.content", $"'{path}.content' must be a string or an array of parts.");
        }

        writer.WriteEndObject();
        return null;
    }

    private static UpstreamError? WriteAssistant(Utf8JsonWriter writer, JsonElement message, string path)
    {
        var content = message.TryGetProperty("content", out var c) ? c : default;
        var toolCalls = message.TryGetProperty("tool_calls", out var tc) && tc.ValueKind == JsonValueKind.Array && tc.GetArrayLength() > 0 ? tc : default;
        var reasoning = NonEmptyString(message, "reasoning_content");
        var signature = NonEmptyString(message, "reasoning_signature");

        // Thinking without its signature cannot be sent back (Anthropic verifies it), so it is dropped.
        var hasThinking = reasoning is not null && signature is not null;
        var hasToolCalls = toolCalls.ValueKind == JsonValueKind.Array;
        if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return AnthropicRequestErrors.Invalid($"{path}.content", $"'{path}.content' must be a string, an array of parts or null.");
        }

        var hasText = content.ValueKind == JsonValueKind.String ? content.GetString()!.Length > 0
            : content.ValueKind == JsonValueKind.Array && content.EnumerateArray().Any(AnthropicContentMapper.HasText);
        if (!hasThinking && !hasToolCalls && !hasText)
        {
            // An empty assistant turn carries nothing, and Anthropic rejects empty content.
            return null;
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, "assistant"u8);
        if (!hasThinking && !hasToolCalls && content.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("content"u8);
            content.WriteTo(writer);
            writer.WriteEndObject();
            return null;
        }

        writer.WriteStartArray("content"u8);
        if (hasThinking)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "thinking"u8);
            writer.WritePropertyName("thinking"u8);
            reasoning!.Value.WriteTo(writer);
            writer.WritePropertyName("signature"u8);
            signature!.Value.WriteTo(writer);
            writer.WriteEndObject();
        }

        if (content.ValueKind == JsonValueKind.String && hasText)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WritePropertyName("text"u8);
            content.WriteTo(writer);
            writer.WriteEndObject();
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            // Assistant parts are text or refusal; a refusal says nothing the model needs to see again.
            foreach (var part in content.EnumerateArray())
            {
                AnthropicContentMapper.WriteTextBlock(writer, part);
            }
        }

        if (hasToolCalls && WriteToolUses(writer, toolCalls, path) is { } error)
        {
            return error;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return null;
    }

    private static UpstreamError? WriteToolUses(Utf8JsonWriter writer, JsonElement toolCalls, string path)
    {
        var index = 0;
        foreach (var call in toolCalls.EnumerateArray())
        {
            var callPath = $"{path}.tool_calls[{index++}]";
            var function = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            var id = call.ValueKind == JsonValueKind.Object ? NonEmptyString(call, "id") : null;
            var name = function.ValueKind == JsonValueKind.Object ? NonEmptyString(function, "name") : null;
            if (id is null)
            {
                return AnthropicRequestErrors.Invalid($"{callPath}.id", $"'{callPath}.id' is required.");
            }

            if (name is null)
            {
                return AnthropicRequestErrors.Invalid($"{callPath}.function.name", $"'{callPath}.function.name' is required.");
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "tool_use"u8);
            writer.WritePropertyName("id"u8);
            id.Value.WriteTo(writer);
            writer.WritePropertyName("name"u8);
            name.Value.WriteTo(writer);
            writer.WritePropertyName("input"u8);
            if (WriteToolInput(writer, function, $"{callPath}.function.arguments") is { } error)
            {
                return error;
            }

            writer.WriteEndObject();
        }

        return null;
    }

    /// <summary>Writes <c>input</c> from OpenAI's <c>arguments</c> JSON string (an object; empty means no arguments).</summary>
    private static UpstreamError? WriteToolInput(Utf8JsonWriter writer, JsonElement function, string path)
    {
        var arguments = function.TryGetProperty("arguments", out var a) ? a : default;
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            // Not OpenAI's shape, but some clients send the object itself; it is what Anthropic wants.
            arguments.WriteTo(writer);
            return null;
        }

        var text = arguments.ValueKind == JsonValueKind.String ? arguments.GetString()! : "";
        if (arguments.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return AnthropicRequestErrors.Invalid(path, $"'{path}' must be a JSON string.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return null;
        }

        try
        {
            using var parsed = JsonDocument.Parse(text);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                return AnthropicRequestErrors.Invalid(path, $"'{path}' must encode a JSON object; Anthropic tool input is an object.");
            }

            parsed.RootElement.WriteTo(writer);
            return null;
        }
        catch (JsonException)
        {
            return AnthropicRequestErrors.Invalid(path, $"'{path}' is not valid JSON.");
        }
    }

    private static UpstreamError? WriteToolResult(Utf8JsonWriter writer, JsonElement message, string path)
    {
        var id = NonEmptyString(message, "tool_call_id");
        if (id is null)
        {
            return AnthropicRequestErrors.Invalid($"{path}.tool_call_id", $"'{path}.tool_call_id' is required.");
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "tool_result"u8);
        writer.WritePropertyName("tool_use_id"u8);
        id.Value.WriteTo(writer);
        var content = message.TryGetProperty("content", out var c) ? c : default;
        if (content.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("content"u8);
            content.WriteTo(writer);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray("content"u8);
            if (AnthropicContentMapper.WriteParts(writer, content, $"{path}.content") is { } error)
            {
                return error;
            }

            writer.WriteEndArray();
        }
        else if (content.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return AnthropicRequestErrors.Invalid($"{path}.content", $"'{path}.content' must be a string or an array of parts.");
        }

        writer.WriteEndObject();
        return null;
    }

    private static bool IsSystem(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role)
        && (role.ValueEquals("system"u8) || role.ValueEquals("developer"u8));

    private static JsonElement? NonEmptyString(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !value.ValueEquals(""u8) ? value : null;
}
