using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates OpenAI <c>messages</c> into Gemini <c>systemInstruction</c> and <c>contents</c>.</summary>
/// <remarks>
/// System and developer messages, wherever they stand, become <c>systemInstruction</c> parts (Gemini has no
/// mid-conversation system turn). User and assistant messages become <c>user</c> and <c>model</c> contents;
/// consecutive messages of one role merge into one content, because older Gemini models insist that turns
/// alternate. Tool results become <c>functionResponse</c> parts grouped into one <c>user</c> content per run,
/// kept apart from user text as LiteLLM does. Gemini needs the function name in each result, so it is looked
/// up from the assistant tool call with the same id. Tool call ids are not sent: Gemini matches results by
/// name and order, and ids it did not issue may be refused.
/// </remarks>
internal static class GeminiContentMapper
{
    private const string UserTurn = "user";
    private const string ModelTurn = "model";
    private const string ToolTurn = "tool";

    public static UpstreamError? ToGeminiContents(JsonElement root, JsonObject request, GeminiRequestOptions options)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return GeminiJson.Invalid("messages", "'messages' must be an array.");
        }

        var system = new JsonArray();
        var contents = new JsonArray();
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = new List<JsonNode>();
        JsonArray? turnParts = null;
        string? turnKind = null;
        var index = -1;
        foreach (var message in messages.EnumerateArray())
        {
            index++;
            parts.Clear();
            var path = $"messages[{index}]";
            var role = GeminiJson.StringOf(message, "role");
            string kind;
            UpstreamError? error;
            switch (role)
            {
                case "system" or "developer":
                    error = GeminiPartMapper.AppendParts(message, path, GeminiAllowedParts.Text, parts);
                    foreach (var part in parts)
                    {
                        system.Add(part);
                    }

                    parts.Clear();
                    kind = "";
                    break;
                case "user":
                    error = GeminiPartMapper.AppendParts(message, path, GeminiAllowedParts.User, parts);
                    kind = UserTurn;
                    break;
                case "assistant":
                    error = GeminiPartMapper.AppendParts(message, path, GeminiAllowedParts.Assistant, parts)
                        ?? AppendFunctionCalls(message, path, parts, toolNames, options);
                    kind = ModelTurn;
                    break;
                case "tool":
                    error = AppendFunctionResponse(message, path, parts, toolNames);
                    kind = ToolTurn;
                    break;
                default:
                    return GeminiJson.Invalid($"{path}.role", $"Message role '{role}' is not supported by Gemini platforms.");
            }

            if (error is not null)
            {
                return error;
            }

            if (parts.Count == 0)
            {
                continue;
            }

            if (turnParts is null || turnKind != kind)
            {
                turnParts = [];
                turnKind = kind;
                contents.Add((JsonNode)new JsonObject { ["role"] = kind == ModelTurn ? ModelTurn : UserTurn, ["parts"] = turnParts });
            }

            foreach (var part in parts)
            {
                turnParts.Add(part);
            }
        }

        if (contents.Count == 0)
        {
            return GeminiJson.Invalid("messages", "'messages' must hold at least one user or assistant message with content for Gemini platforms.");
        }

        if (system.Count > 0)
        {
            request["systemInstruction"] = new JsonObject { ["parts"] = system };
        }

        request["contents"] = contents;
        return null;
    }

    private static UpstreamError? AppendFunctionCalls(
        JsonElement message, string path, List<JsonNode> parts, Dictionary<string, string> toolNames, GeminiRequestOptions options)
    {
        if (!GeminiJson.TryGet(message, "tool_calls", out var calls))
        {
            return null;
        }

        if (calls.ValueKind != JsonValueKind.Array)
        {
            return GeminiJson.Invalid($"{path}.tool_calls", $"'{path}.tool_calls' must be an array.");
        }

        var index = -1;
        foreach (var call in calls.EnumerateArray())
        {
            index++;
            var callPath = $"{path}.tool_calls[{index}]";
            var function = GeminiJson.TryGet(call, "function", out var f) ? f : default;
            var name = GeminiJson.StringOf(function, "name");
            if (string.IsNullOrEmpty(name))
            {
                return GeminiJson.Invalid($"{callPath}.function.name", $"'{callPath}.function.name' is missing.");
            }

            var error = ParseArguments(function, $"{callPath}.function.arguments", out var args);
            if (error is not null)
            {
                return error;
            }

            var part = new JsonObject { ["functionCall"] = new JsonObject { ["name"] = name, ["args"] = args } };
            var signature = GeminiJson.StringOf(call, "thought_signature") ?? CompatSignature(call);
            if (signature is null && index == 0)
            {
                // Gemini 3 validates only the first call of a turn; the fallback is an operator opt-in.
                signature = options.ThoughtSignatureFallback;
            }

            if (signature is not null)
            {
                part["thoughtSignature"] = signature;
            }

            parts.Add(part);
            if (GeminiJson.StringOf(call, "id") is { } id)
            {
                toolNames[id] = name;
            }
        }

        return null;
    }

    private static UpstreamError? ParseArguments(JsonElement function, string path, out JsonObject args)
    {
        args = [];
        if (!GeminiJson.TryGet(function, "arguments", out var arguments))
        {
            return null;
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            args = JsonObject.Create(arguments)!;
            return null;
        }

        if (arguments.ValueKind != JsonValueKind.String)
        {
            return GeminiJson.Invalid(path, $"'{path}' must be a JSON object encoded as a string.");
        }

        var text = arguments.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject parsed)
            {
                args = parsed;
                return null;
            }

            return GeminiJson.Invalid(path, $"'{path}' must encode a JSON object.");
        }
        catch (JsonException)
        {
            return GeminiJson.Invalid(path, $"'{path}' is not valid JSON.");
        }
    }

    /// <summary>Reads the signature Google's own OpenAI-compatible endpoint puts in <c>extra_content.google</c>.</summary>
    private static string? CompatSignature(JsonElement call) =>
        GeminiJson.TryGet(call, "extra_content", out var extra) && GeminiJson.TryGet(extra, "google", out var google)
            ? GeminiJson.StringOf(google, "thought_signature")
            : null;

    private static UpstreamError? AppendFunctionResponse(JsonElement message, string path, List<JsonNode> parts, Dictionary<string, string> toolNames)
    {
        var id = GeminiJson.StringOf(message, "tool_call_id");
        var name = id is not null && toolNames.TryGetValue(id, out var known) ? known : GeminiJson.StringOf(message, "name");
        if (string.IsNullOrEmpty(name))
        {
            return GeminiJson.Invalid($"{path}.tool_call_id",
                $"'{path}.tool_call_id' ('{id}') matches no tool call of an earlier assistant message; Gemini needs the function name.");
        }

        var text = GeminiPartMapper.TextOf(message);
        parts.Add(new JsonObject
        {
            ["functionResponse"] = new JsonObject { ["name"] = name, ["response"] = ResponseObject(text) },
        });
        return null;
    }

    /// <summary>Uses the tool output as the response object when it is one, else wraps it as <c>{"result": text}</c>.</summary>
    private static JsonObject ResponseObject(string text)
    {
        if (text.AsSpan().TrimStart().StartsWith("{"))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject parsed)
                {
                    return parsed;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through and send it as text.
            }
        }

        return new JsonObject { ["result"] = text };
    }
}
