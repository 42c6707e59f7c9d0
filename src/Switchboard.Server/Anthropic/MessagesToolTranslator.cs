using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Anthropic;

/// <summary>Translates Anthropic <c>tools</c> and <c>tool_choice</c> into OpenAI function tools and <c>tool_choice</c>.</summary>
/// <remarks>
/// A client tool (no <c>type</c>, or <c>custom</c>) becomes a function whose parameters are its <c>input_schema</c>.
/// Anthropic's server and versioned tools (<c>web_search_…</c>, <c>bash_…</c>, <c>text_editor_…</c>) run on Anthropic's
/// side and have no function form: they are left out of the translation and reach only an Anthropic upstream.
/// </remarks>
internal static class MessagesToolTranslator
{
    /// <summary>Writes <c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c>, or returns the 400 for a malformed tool.</summary>
    public static GatewayError? WriteTools(Utf8JsonWriter writer, JsonElement root)
    {
        var functions = 0;
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind != JsonValueKind.Null)
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                return MessagesRequestTranslator.Invalid("tools", "Input should be a valid list");
            }

            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (Check(tool, index++) is { } error)
                {
                    return error;
                }

                functions += IsClientTool(tool) ? 1 : 0;
            }

            if (functions > 0)
            {
                writer.WriteStartArray("tools"u8);
                foreach (var tool in tools.EnumerateArray())
                {
                    if (IsClientTool(tool))
                    {
                        WriteFunction(writer, tool);
                    }
                }

                writer.WriteEndArray();
            }
        }

        return WriteToolChoice(writer, root, functions);
    }

    private static GatewayError? Check(JsonElement tool, int index)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return MessagesRequestTranslator.Invalid($"tools.{index}", "Input should be a valid dictionary");
        }

        if (!tool.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
        {
            return MessagesRequestTranslator.Invalid($"tools.{index}.name", "Field required");
        }

        if (IsClientTool(tool) && (!tool.TryGetProperty("input_schema", out var schema) || schema.ValueKind != JsonValueKind.Object))
        {
            return MessagesRequestTranslator.Invalid($"tools.{index}.input_schema", "Field required");
        }

        return null;
    }

    private static bool IsClientTool(JsonElement tool) =>
        !tool.TryGetProperty("type", out var type) || type.ValueKind == JsonValueKind.Null || type.ValueEquals("custom"u8);

    private static void WriteFunction(Utf8JsonWriter writer, JsonElement tool)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WritePropertyName("name"u8);
        tool.GetProperty("name").WriteTo(writer);
        if (tool.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.String)
        {
            writer.WritePropertyName("description"u8);
            description.WriteTo(writer);
        }

        writer.WritePropertyName("parameters"u8);
        tool.GetProperty("input_schema").WriteTo(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static GatewayError? WriteToolChoice(Utf8JsonWriter writer, JsonElement root, int functions)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return MessagesRequestTranslator.Invalid("tool_choice.type", "Field required");
        }

        if (choice.TryGetProperty("disable_parallel_tool_use", out var serial) && serial.ValueKind == JsonValueKind.True && functions > 0)
        {
            writer.WriteBoolean("parallel_tool_calls"u8, false);
        }

        switch (type.GetString())
        {
            case "auto":
                WriteChoice(writer, functions, "auto"u8);
                return null;
            case "any":
                WriteChoice(writer, functions, "required"u8);
                return null;
            case "none":
                WriteChoice(writer, functions, "none"u8);
                return null;
            case "tool":
                if (!choice.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return MessagesRequestTranslator.Invalid("tool_choice.name", "Field required");
                }

                if (functions > 0)
                {
                    writer.WriteStartObject("tool_choice"u8);
                    writer.WriteString("type"u8, "function"u8);
                    writer.WriteStartObject("function"u8);
                    writer.WritePropertyName("name"u8);
                    name.WriteTo(writer);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                return null;
            default:
                return MessagesRequestTranslator.Invalid("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
        }
    }

    private static void WriteChoice(Utf8JsonWriter writer, int functions, ReadOnlySpan<byte> value)
    {
        // OpenAI refuses a tool_choice without tools; with only server tools there is no function to choose.
        if (functions > 0)
        {
            writer.WriteString("tool_choice"u8, value);
        }
    }
}
