using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Anthropic;

/// <summary>Translates OpenAI <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> into Anthropic's tool fields.</summary>
internal static class AnthropicToolMapper
{
    public static UpstreamError? WriteTools(Utf8JsonWriter writer, JsonElement root, HashSet<string> written)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind == JsonValueKind.Null
            || (tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() == 0))
        {
            // Without tools there is nothing to choose from; OpenAI's tool_choice "none" default needs no field.
            return null;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            return AnthropicRequestErrors.Invalid("tools", "'tools' must be an array.");
        }

        writer.WriteStartArray("tools"u8);
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            if (WriteTool(writer, tool, $"tools[{index++}]") is { } error)
            {
                return error;
            }
        }

        writer.WriteEndArray();
        written.Add("tools");
        return WriteToolChoice(writer, root, written);
    }

    private static UpstreamError? WriteTool(Utf8JsonWriter writer, JsonElement tool, string path)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return AnthropicRequestErrors.Invalid(path, $"'{path}' must be an object.");
        }

        if (tool.TryGetProperty("type", out var type) && !type.ValueEquals("function"u8))
        {
            return AnthropicRequestErrors.Invalid($"{path}.type", $"'{path}.type' must be function; other tool types are not supported by Anthropic models.");
        }

        if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object
            || !function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return AnthropicRequestErrors.Invalid($"{path}.function.name", $"'{path}.function.name' is required.");
        }

        writer.WriteStartObject();
        writer.WritePropertyName("name"u8);
        name.WriteTo(writer);
        if (function.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("description"u8);
            description.WriteTo(writer);
        }

        writer.WritePropertyName("input_schema"u8);
        if (function.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            parameters.WriteTo(writer);
        }
        else if (parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            // OpenAI allows a function without parameters; Anthropic needs an object schema.
            writer.WriteStartObject();
            writer.WriteString("type"u8, "object"u8);
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            return AnthropicRequestErrors.Invalid($"{path}.function.parameters", $"'{path}.function.parameters' must be a JSON Schema object.");
        }

        if (function.TryGetProperty("strict", out var strict) && strict.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            writer.WriteBoolean("strict"u8, strict.ValueKind == JsonValueKind.True);
        }

        AnthropicContentMapper.CopyCacheControl(writer, tool);
        writer.WriteEndObject();
        return null;
    }

    private static UpstreamError? WriteToolChoice(Utf8JsonWriter writer, JsonElement root, HashSet<string> written)
    {
        var noParallel = root.TryGetProperty("parallel_tool_calls", out var parallel) && parallel.ValueKind == JsonValueKind.False;
        var choice = root.TryGetProperty("tool_choice", out var c) ? c : default;
        string type;
        JsonElement? name = null;
        if (choice.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (!noParallel)
            {
                return null;
            }

            // disable_parallel_tool_use lives on tool_choice, so the OpenAI default ("auto") is spelled out.
            type = "auto";
        }
        else if (choice.ValueKind == JsonValueKind.String)
        {
            type = choice.GetString() switch
            {
                "auto" => "auto",
                "required" => "any",
                "none" => "none",
                _ => "",
            };
            if (type.Length == 0)
            {
                return AnthropicRequestErrors.Invalid("tool_choice", "'tool_choice' must be auto, required, none or a named function.");
            }
        }
        else if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("type", out var choiceType) && choiceType.ValueEquals("function"u8)
            && choice.TryGetProperty("function", out var function) && function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
        {
            type = "tool";
            name = n;
        }
        else
        {
            return AnthropicRequestErrors.Invalid("tool_choice", "'tool_choice' must be auto, required, none or {\"type\":\"function\",\"function\":{\"name\":…}}; allowed_tools is not supported by Anthropic models.");
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (name is { } toolName)
        {
            writer.WritePropertyName("name"u8);
            toolName.WriteTo(writer);
        }

        // Anthropic's "none" takes no parallelism flag: no tool will be called at all.
        if (noParallel && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
        written.Add("tool_choice");
        return null;
    }
}
