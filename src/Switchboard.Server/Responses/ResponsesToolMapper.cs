using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Responses;

/// <summary>Translates Responses <c>tools</c> (flat function tools), <c>tool_choice</c> and <c>parallel_tool_calls</c> into their Chat forms.</summary>
/// <remarks>OpenAI's built-in tools (web search, file search, code interpreter, computer use, MCP, …) run inside OpenAI; no upstream behind the gateway runs them, so they are refused by type rather than silently dropped.</remarks>
internal static class ResponsesToolMapper
{
    /// <summary>Writes the tool fields of <paramref name="root"/> into the Chat body, or returns the error naming the first bad one.</summary>
    public static GatewayError? Write(JsonElement root, Utf8JsonWriter writer)
    {
        var count = 0;
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null)
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                return ResponsesErrors.Type("tools", "an array");
            }

            writer.WriteStartArray("tools"u8);
            foreach (var tool in tools.EnumerateArray())
            {
                if (Tool(tool, $"tools[{count}]", writer) is { } error)
                {
                    return error;
                }

                count++;
            }

            writer.WriteEndArray();
        }

        if (root.TryGetProperty("tool_choice", out var choice) && choice.ValueKind != JsonValueKind.Null && Choice(choice, writer) is { } choiceError)
        {
            return choiceError;
        }

        if (root.TryGetProperty("parallel_tool_calls", out var parallel) && parallel.ValueKind != JsonValueKind.Null)
        {
            if (parallel.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return ResponsesErrors.Type("parallel_tool_calls", "a boolean");
            }

            // OpenAI's Chat API refuses parallel_tool_calls without tools; Responses clients send it regardless.
            if (count > 0)
            {
                writer.WriteBoolean("parallel_tool_calls"u8, parallel.ValueKind == JsonValueKind.True);
            }
        }

        return null;
    }

    private static GatewayError? Tool(JsonElement tool, string path, Utf8JsonWriter writer)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type(path, "an object");
        }

        var type = tool.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is null)
        {
            return ResponsesErrors.Missing(path + ".type");
        }

        if (type != "function")
        {
            return ResponsesErrors.Unsupported(path + ".type", $"Tool type '{type}' is not supported: it runs inside OpenAI and no upstream behind this gateway runs it. Only 'function' tools are served.");
        }

        if (!tool.TryGetProperty("name", out var name) || name.ValueKind == JsonValueKind.Null)
        {
            return ResponsesErrors.Missing(path + ".name");
        }

        if (name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
        {
            return ResponsesErrors.Type(path + ".name", "a non-empty string");
        }

        if (tool.TryGetProperty("parameters", out var parameters) && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return ResponsesErrors.Type(path + ".parameters", "a JSON Schema object");
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        foreach (var field in tool.EnumerateObject())
        {
            if ((field.NameEquals("name"u8) || field.NameEquals("description"u8) || field.NameEquals("parameters"u8) || field.NameEquals("strict"u8))
                && field.Value.ValueKind != JsonValueKind.Null)
            {
                field.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        return null;
    }

    private static GatewayError? Choice(JsonElement choice, Utf8JsonWriter writer)
    {
        if (choice.ValueKind == JsonValueKind.String)
        {
            var mode = choice.GetString();
            if (mode is not ("auto" or "none" or "required"))
            {
                return ResponsesErrors.Invalid("tool_choice", $"'tool_choice' must be auto, none, required or {{\"type\":\"function\",\"name\":…}} (got '{mode}').");
            }

            writer.WriteString("tool_choice"u8, mode);
            return null;
        }

        if (choice.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type("tool_choice", "a string or an object");
        }

        var type = choice.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type != "function")
        {
            return ResponsesErrors.Unsupported("tool_choice.type", $"'tool_choice.type' '{type}' is not supported; choose a function with {{\"type\":\"function\",\"name\":…}}.");
        }

        if (!choice.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return ResponsesErrors.Missing("tool_choice.name");
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, name.GetString());
        writer.WriteEndObject();
        writer.WriteEndObject();
        return null;
    }
}
