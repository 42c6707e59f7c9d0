using System.Text;
using System.Text.Json;
using Switchboard.Core.Answers;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Anthropic;

/// <summary>Translates Anthropic <c>messages</c> (user and assistant turns of content blocks) into OpenAI Chat messages.</summary>
/// <remarks>
/// A user turn's <c>tool_result</c> blocks become <c>tool</c> messages, in order and before the rest of the turn, which
/// becomes one user message of text, <c>image_url</c> and <c>file</c> parts. An assistant turn's text is joined into
/// <c>content</c>, its <c>tool_use</c> blocks become <c>tool_calls</c> and its signed <c>thinking</c> becomes
/// <c>reasoning_content</c> with our <c>reasoning_signature</c>. Block types without a canonical form
/// (<c>redacted_thinking</c>, server-tool blocks, <c>search_result</c> …) are left out of the translation.
/// </remarks>
internal static class MessagesContentTranslator
{
    /// <summary>Writes the OpenAI messages for <paramref name="messages"/> into the open <c>messages</c> array, or returns the 400 for a malformed turn.</summary>
    public static GatewayError? WriteMessages(Utf8JsonWriter writer, JsonElement messages)
    {
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = $"messages.{index++}";
            if (message.ValueKind != JsonValueKind.Object)
            {
                return MessagesRequestTranslator.Invalid(path, "Input should be a valid dictionary");
            }

            var isUser = message.TryGetProperty("role", out var role) && role.ValueEquals("user"u8);
            if (!isUser && !role.ValueEquals("assistant"u8))
            {
                return MessagesRequestTranslator.Invalid(path + ".role", "Input should be 'user' or 'assistant'");
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            {
                return MessagesRequestTranslator.Invalid(path + ".content", "Input should be a valid string or a list of content blocks");
            }

            if (content.ValueKind == JsonValueKind.String)
            {
                writer.WriteStartObject();
                writer.WriteString("role"u8, isUser ? "user"u8 : "assistant"u8);
                writer.WritePropertyName("content"u8);
                content.WriteTo(writer);
                writer.WriteEndObject();
                continue;
            }

            if (CheckBlocks(content, path) is { } error)
            {
                return error;
            }

            error = isUser ? WriteUserTurn(writer, content, path) : WriteAssistantTurn(writer, content);
            if (error is not null)
            {
                return error;
            }
        }

        return index == 0 ? MessagesRequestTranslator.Invalid("messages", "List should have at least 1 item") : null;
    }

    /// <summary>Returns whether <paramref name="element"/> is an object whose <c>type</c> is <paramref name="type"/>.</summary>
    public static bool IsBlock(JsonElement element, ReadOnlySpan<byte> type) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.ValueEquals(type);

    /// <summary>Writes an OpenAI text part holding <paramref name="text"/> (a JSON string).</summary>
    public static void WriteTextPart(Utf8JsonWriter writer, JsonElement text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WritePropertyName("text"u8);
        text.WriteTo(writer);
        writer.WriteEndObject();
    }

    private static GatewayError? CheckBlocks(JsonElement content, string path)
    {
        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            var at = $"{path}.content.{index++}";
            if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return MessagesRequestTranslator.Invalid(at + ".type", "Field required");
            }

            var error = type.GetString() switch
            {
                "text" => RequireString(block, "text", at),
                "tool_use" => RequireString(block, "id", at) ?? RequireString(block, "name", at)
                    ?? (block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object ? null : MessagesRequestTranslator.Invalid(at + ".input", "Input should be a valid dictionary")),
                "tool_result" => RequireString(block, "tool_use_id", at),
                "thinking" => RequireString(block, "thinking", at),
                "image" or "document" => CheckSource(block, at),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static GatewayError? RequireString(JsonElement block, string name, string at) =>
        block.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? null : MessagesRequestTranslator.Invalid($"{at}.{name}", "Field required");

    private static GatewayError? CheckSource(JsonElement block, string at)
    {
        if (!block.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object)
        {
            return MessagesRequestTranslator.Invalid(at + ".source", "Field required");
        }

        var type = source.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return type switch
        {
            "base64" => RequireString(source, "media_type", at + ".source") ?? RequireString(source, "data", at + ".source"),
            "url" => RequireString(source, "url", at + ".source"),
            "text" => RequireString(source, "data", at + ".source"),

            // file ids and content sources name things stored at Anthropic; only an Anthropic upstream can read them.
            "file" or "content" => null,
            _ => MessagesRequestTranslator.Invalid(at + ".source.type", "Input should be 'base64', 'url', 'text', 'content' or 'file'"),
        };
    }

    private static GatewayError? WriteUserTurn(Utf8JsonWriter writer, JsonElement content, string path)
    {
        var parts = 0;
        foreach (var block in content.EnumerateArray())
        {
            if (IsBlock(block, "tool_result"u8))
            {
                WriteToolResult(writer, block);
            }
            else if (IsUserPart(block))
            {
                parts++;
            }
        }

        if (parts == 0)
        {
            return null;
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, "user"u8);
        writer.WriteStartArray("content"u8);
        foreach (var block in content.EnumerateArray())
        {
            if (IsBlock(block, "text"u8))
            {
                WriteTextPart(writer, block.GetProperty("text"));
            }
            else if (IsUserPart(block))
            {
                WriteMediaPart(writer, block);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return null;
    }

    /// <summary>Returns whether a user block has a canonical part: text, or an image or document given as data, a URL or text (a file id or a content list is Anthropic's alone).</summary>
    private static bool IsUserPart(JsonElement block) =>
        IsBlock(block, "text"u8)
        || (IsBlock(block, "image"u8) || IsBlock(block, "document"u8))
            && block.GetProperty("source").GetProperty("type") is var type && (type.ValueEquals("base64"u8) || type.ValueEquals("url"u8) || type.ValueEquals("text"u8));

    private static void WriteMediaPart(Utf8JsonWriter writer, JsonElement block)
    {
        var source = block.GetProperty("source");
        var sourceType = source.GetProperty("type");
        var isImage = IsBlock(block, "image"u8);
        if (sourceType.ValueEquals("text"u8))
        {
            // A plain-text document is text to every model.
            WriteTextPart(writer, source.GetProperty("data"));
            return;
        }

        var url = sourceType.ValueEquals("base64"u8)
            ? $"data:{source.GetProperty("media_type").GetString()};base64,{source.GetProperty("data").GetString()}"
            : source.GetProperty("url").GetString()!;

        writer.WriteStartObject();
        if (isImage || !url.StartsWith("data:", StringComparison.Ordinal))
        {
            // OpenAI's file part holds data only, so a document by URL travels as a URL like an image does.
            writer.WriteString("type"u8, "image_url"u8);
            writer.WriteStartObject("image_url"u8);
            writer.WriteString("url"u8, url);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("type"u8, "file"u8);
            writer.WriteStartObject("file"u8);
            writer.WriteString("filename"u8, block.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : "document.pdf");
            writer.WriteString("file_data"u8, url);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteToolResult(Utf8JsonWriter writer, JsonElement block)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, "tool"u8);
        writer.WritePropertyName("tool_call_id"u8);
        block.GetProperty("tool_use_id").WriteTo(writer);
        var isError = block.TryGetProperty("is_error", out var flag) && flag.ValueKind == JsonValueKind.True;
        var content = block.TryGetProperty("content", out var c) ? c : default;
        if (!isError && content.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("content"u8);
            content.WriteTo(writer);
        }
        else
        {
            // OpenAI has no error flag on a tool result, so the text says it; only text blocks have a canonical form here.
            var text = new StringBuilder(isError ? "Error: " : "");
            if (content.ValueKind == JsonValueKind.String)
            {
                text.Append(content.GetString());
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in content.EnumerateArray())
                {
                    if (IsBlock(item, "text"u8) && item.TryGetProperty("text", out var part) && part.ValueKind == JsonValueKind.String)
                    {
                        text.Append(text.Length > (isError ? 7 : 0) ? "\n" : "").Append(part.GetString());
                    }
                }
            }

            writer.WriteString("content"u8, text.ToString());
        }

        writer.WriteEndObject();
    }

    private static GatewayError? WriteAssistantTurn(Utf8JsonWriter writer, JsonElement content)
    {
        StringBuilder? text = null;
        StringBuilder? reasoning = null;
        string? signature = null;
        var calls = new List<ChatAnswerToolCall>();
        foreach (var block in content.EnumerateArray())
        {
            if (IsBlock(block, "text"u8))
            {
                (text ??= new StringBuilder()).Append(block.GetProperty("text").GetString());
            }
            else if (IsBlock(block, "thinking"u8))
            {
                (reasoning ??= new StringBuilder()).Append(block.GetProperty("thinking").GetString());
                signature = block.TryGetProperty("signature", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : signature;
            }
            else if (IsBlock(block, "tool_use"u8))
            {
                // OpenAI carries arguments as a JSON string; the input's own text keeps every number as the client wrote it.
                calls.Add(new ChatAnswerToolCall(block.GetProperty("id").GetString()!, block.GetProperty("name").GetString()!, block.GetProperty("input").GetRawText()));
            }
        }

        CanonicalAssistantMessage.Write(writer, text?.ToString(), reasoning?.ToString(), signature, calls);
        return null;
    }
}
