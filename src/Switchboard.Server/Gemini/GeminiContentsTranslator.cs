using System.Globalization;
using System.Text;
using System.Text.Json;
using Switchboard.Core.Answers;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Gemini;

/// <summary>Writes a Gemini request's <c>systemInstruction</c> and <c>contents</c> as canonical (OpenAI Chat) <c>messages</c>.</summary>
/// <remarks>
/// <para>A <c>model</c> turn becomes an assistant message: its text parts the content, its <c>functionCall</c> parts tool
/// calls (the call's <c>id</c>, else a deterministic <c>call_{turn}_{part}</c>, with the part's <c>thoughtSignature</c>
/// as our <c>thought_signature</c> extension), a thought part that carries a signature the reasoning our Anthropic
/// provider turns back into a signed thinking block; other thought parts are dropped, as Gemini itself ignores them.</para>
/// <para>A <c>user</c> (or legacy <c>function</c>) turn becomes one tool message per <c>functionResponse</c> part, first,
/// since OpenAI wants tool results right after the calls, then one user message with the rest: text, <c>inlineData</c>
/// as an <c>image_url</c> data URL, <c>fileData</c> as an <c>image_url</c> URL. A response without an id answers the
/// oldest unanswered call of its name, which is how Gemini itself pairs them.</para>
/// </remarks>
internal static class GeminiContentsTranslator
{
    /// <summary>Writes the <c>messages</c> array, or returns the error for the first field that cannot be translated.</summary>
    public static GatewayError? Write(Utf8JsonWriter writer, JsonElement root)
    {
        writer.WriteStartArray("messages"u8);
        if (WriteSystem(writer, root) is { } systemError)
        {
            return systemError;
        }

        if (!GeminiFields.TryGet(root, "contents", out var contents))
        {
            return GeminiFields.Missing("contents");
        }

        if (contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
        {
            return GeminiFields.Invalid("contents", "'contents' must be a non-empty array of Content objects.");
        }

        var unanswered = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        var turn = 0;
        foreach (var content in contents.EnumerateArray())
        {
            var path = $"contents[{turn}]";
            if (content.ValueKind != JsonValueKind.Object)
            {
                return GeminiFields.Invalid(path, $"'{path}' must be a Content object.");
            }

            var role = GeminiFields.StringOf(content, "role", "", path, out var roleError);
            if (roleError is not null)
            {
                return roleError;
            }

            if (!GeminiFields.TryGet(content, "parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                return GeminiFields.Invalid($"{path}.parts", $"'{path}.parts' must be an array of Part objects.");
            }

            var error = role switch
            {
                "model" => WriteModelTurn(writer, parts, path, turn, unanswered),
                null or "" or "user" or "function" or "tool" => WriteUserTurn(writer, parts, path, unanswered),
                _ => GeminiFields.Invalid($"{path}.role", $"'{path}.role' must be 'user' or 'model' (got '{role}')."),
            };
            if (error is not null)
            {
                return error;
            }

            turn++;
        }

        writer.WriteEndArray();
        return null;
    }

    private static GatewayError? WriteSystem(Utf8JsonWriter writer, JsonElement root)
    {
        if (!GeminiFields.TryGet(root, "systemInstruction", "system_instruction", out var system))
        {
            return null;
        }

        string text;
        if (system.ValueKind == JsonValueKind.String)
        {
            // The SDKs take a plain string here and wrap it; accept it as sent by a hand-written client too.
            text = system.GetString()!;
        }
        else if (system.ValueKind == JsonValueKind.Object && GeminiFields.TryGet(system, "parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            var joined = new StringBuilder();
            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && GeminiFields.TryGet(part, "text", out var piece) && piece.ValueKind == JsonValueKind.String)
                {
                    joined.Append(joined.Length > 0 ? "\n" : "").Append(piece.GetString());
                }
            }

            text = joined.ToString();
        }
        else
        {
            return GeminiFields.Invalid("systemInstruction", "'systemInstruction' must be a Content object with text parts.");
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, "system"u8);
        writer.WriteString("content"u8, text);
        writer.WriteEndObject();
        return null;
    }

    private static GatewayError? WriteModelTurn(Utf8JsonWriter writer, JsonElement parts, string path, int turn, Dictionary<string, Queue<string>> unanswered)
    {
        StringBuilder? text = null;
        StringBuilder? reasoning = null;
        string? reasoningSignature = null;
        var calls = new List<ChatAnswerToolCall>();
        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partPath = $"{path}.parts[{index}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                return GeminiFields.Invalid(partPath, $"'{partPath}' must be a Part object.");
            }

            var signature = GeminiFields.StringOf(part, "thoughtSignature", "thought_signature", partPath, out var signatureError);
            if (signatureError is not null)
            {
                return signatureError;
            }

            if (GeminiFields.TryGet(part, "functionCall", "function_call", out var call))
            {
                var (id, name, arguments, callError) = ReadCall(call, $"{partPath}.functionCall", turn, index);
                if (callError is not null)
                {
                    return callError;
                }

                calls.Add(new ChatAnswerToolCall(id!, name!, arguments!, signature));
                Remember(unanswered, name!, id!);
            }
            else if (GeminiFields.TryGet(part, "text", out var piece) && piece.ValueKind == JsonValueKind.String)
            {
                if (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True)
                {
                    // A thought summary is only worth sending back when its signature lets the upstream continue from it.
                    if (signature is not null)
                    {
                        (reasoning ??= new StringBuilder()).Append(piece.GetString());
                        reasoningSignature = signature;
                    }
                }
                else
                {
                    (text ??= new StringBuilder()).Append(piece.GetString());
                }
            }

            index++;
        }

        // A turn of calls only has no text; an empty turn keeps an empty text, as Gemini allows it.
        CanonicalAssistantMessage.Write(writer, text?.ToString() ?? (calls.Count == 0 ? "" : null), reasoning?.ToString(), reasoningSignature, calls);
        return null;
    }

    private static (string? Id, string? Name, string? Arguments, GatewayError? Error) ReadCall(JsonElement call, string path, int turn, int part)
    {
        if (call.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null, GeminiFields.Invalid(path, $"'{path}' must be a FunctionCall object."));
        }

        var name = GeminiFields.StringOf(call, "name", "", path, out var error);
        if (error is not null || string.IsNullOrEmpty(name))
        {
            return (null, null, null, error ?? GeminiFields.Missing($"{path}.name"));
        }

        var id = GeminiFields.StringOf(call, "id", "", path, out error);
        if (error is not null)
        {
            return (null, null, null, error);
        }

        string arguments = "{}";
        if (GeminiFields.TryGet(call, "args", out var args))
        {
            if (args.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null, GeminiFields.Invalid($"{path}.args", $"'{path}.args' must be an object."));
            }

            arguments = args.GetRawText();
        }

        // Deterministic, so the same history translates to the same bytes and upstream prompt caches stay warm.
        id = string.IsNullOrEmpty(id) ? string.Create(CultureInfo.InvariantCulture, $"call_{turn}_{part}") : id;
        return (id, name, arguments, null);
    }

    private static void Remember(Dictionary<string, Queue<string>> unanswered, string name, string id)
    {
        if (!unanswered.TryGetValue(name, out var ids))
        {
            unanswered[name] = ids = new Queue<string>();
        }

        ids.Enqueue(id);
    }

    private static GatewayError? WriteUserTurn(Utf8JsonWriter writer, JsonElement parts, string path, Dictionary<string, Queue<string>> unanswered)
    {
        var index = 0;
        var others = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partPath = $"{path}.parts[{index++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                return GeminiFields.Invalid(partPath, $"'{partPath}' must be a Part object.");
            }

            if (!GeminiFields.TryGet(part, "functionResponse", "function_response", out var response))
            {
                others += IsContent(part) ? 1 : 0;
                continue;
            }

            if (WriteToolResult(writer, response, $"{partPath}.functionResponse", unanswered) is { } error)
            {
                return error;
            }
        }

        return others == 0 ? null : WriteUserMessage(writer, parts, path, others);
    }

    private static bool IsContent(JsonElement part) =>
        !(part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True)
        && (GeminiFields.TryGet(part, "text", out _) || GeminiFields.TryGet(part, "inlineData", "inline_data", out _) || GeminiFields.TryGet(part, "fileData", "file_data", out _));

    private static GatewayError? WriteToolResult(Utf8JsonWriter writer, JsonElement response, string path, Dictionary<string, Queue<string>> unanswered)
    {
        if (response.ValueKind != JsonValueKind.Object)
        {
            return GeminiFields.Invalid(path, $"'{path}' must be a FunctionResponse object.");
        }

        var name = GeminiFields.StringOf(response, "name", "", path, out var error);
        var id = error is null ? GeminiFields.StringOf(response, "id", "", path, out error) : null;
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrEmpty(name))
        {
            return GeminiFields.Missing($"{path}.name");
        }

        unanswered.TryGetValue(name, out var ids);
        if (string.IsNullOrEmpty(id))
        {
            if (ids is null || !ids.TryDequeue(out id))
            {
                return GeminiFields.Invalid($"{path}.name", $"'{path}' answers no earlier functionCall named '{name}'.");
            }
        }
        else if (ids is not null && ids.Contains(id))
        {
            // Keep the queue in step, so a later response without an id pairs with the right call.
            unanswered[name] = new Queue<string>(ids.Where(other => other != id));
        }

        writer.WriteStartObject();
        writer.WriteString("role"u8, "tool"u8);
        writer.WriteString("tool_call_id"u8, id);
        writer.WriteString("name"u8, name);
        writer.WriteString("content"u8, GeminiFields.TryGet(response, "response", out var value) ? value.GetRawText() : "{}");
        writer.WriteEndObject();
        return null;
    }

    private static GatewayError? WriteUserMessage(Utf8JsonWriter writer, JsonElement parts, string path, int count)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, "user"u8);
        if (count == 1 && FirstText(parts) is { } only)
        {
            writer.WriteString("content"u8, only);
            writer.WriteEndObject();
            return null;
        }

        writer.WriteStartArray("content"u8);
        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            var partPath = $"{path}.parts[{index++}]";
            if (!IsContent(part))
            {
                continue;
            }

            if (GeminiPartTranslator.Write(writer, part, partPath) is { } error)
            {
                return error;
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return null;
    }

    private static string? FirstText(JsonElement parts)
    {
        foreach (var part in parts.EnumerateArray())
        {
            if (IsContent(part))
            {
                return GeminiFields.TryGet(part, "text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            }
        }

        return null;
    }
}
