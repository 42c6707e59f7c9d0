using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Gemini;

/// <summary>Writes a Gemini request's <c>tools[].functionDeclarations</c> and <c>toolConfig.functionCallingConfig</c> as canonical <c>tools</c> and <c>tool_choice</c>.</summary>
/// <remarks>
/// <c>parametersJsonSchema</c> is JSON Schema already and goes as is; <c>parameters</c> is Google's OpenAPI-style
/// Schema, whose upper-case type names (<c>OBJECT</c>, <c>STRING</c>) become JSON Schema's lower-case ones. Mode
/// <c>ANY</c> is <c>required</c> (or the one function, when exactly one is allowed), <c>NONE</c> is <c>none</c>,
/// <c>AUTO</c> and <c>VALIDATED</c> the default; <c>allowedFunctionNames</c> narrows the tools sent to those named.
/// Google's own tools (search, code execution, URL context) have no counterpart elsewhere and are left out.
/// </remarks>
internal static class GeminiToolsTranslator
{
    /// <summary>Writes <c>tools</c> and <c>tool_choice</c> when the request declares functions, or returns the error for a field that cannot be translated.</summary>
    public static GatewayError? Write(Utf8JsonWriter writer, JsonElement root)
    {
        var (mode, allowed, configError) = ReadConfig(root);
        if (configError is not null)
        {
            return configError;
        }

        if (!GeminiFields.TryGet(root, "tools", out var tools))
        {
            return null;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            return GeminiFields.Invalid("tools", "'tools' must be an array of Tool objects.");
        }

        var written = new List<string>();
        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                return GeminiFields.Invalid(path, $"'{path}' must be a Tool object.");
            }

            if (!GeminiFields.TryGet(tool, "functionDeclarations", "function_declarations", out var declarations))
            {
                continue;
            }

            if (declarations.ValueKind != JsonValueKind.Array)
            {
                return GeminiFields.Invalid($"{path}.functionDeclarations", $"'{path}.functionDeclarations' must be an array.");
            }

            var position = 0;
            foreach (var declaration in declarations.EnumerateArray())
            {
                if (WriteFunction(writer, declaration, $"{path}.functionDeclarations[{position++}]", allowed, written) is { } error)
                {
                    return error;
                }
            }
        }

        if (written.Count == 0)
        {
            if (allowed is not null)
            {
                return GeminiFields.Invalid("toolConfig.functionCallingConfig.allowedFunctionNames",
                    "'toolConfig.functionCallingConfig.allowedFunctionNames' names no declared function.");
            }

            return null;
        }

        writer.WriteEndArray();
        switch (mode)
        {
            case "NONE":
                writer.WriteString("tool_choice"u8, "none"u8);
                break;
            case "ANY" when written.Count == 1:
                writer.WriteStartObject("tool_choice"u8);
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WriteString("name"u8, written[0]);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case "ANY":
                writer.WriteString("tool_choice"u8, "required"u8);
                break;
        }

        return null;
    }

    private static (string? Mode, HashSet<string>? Allowed, GatewayError? Error) ReadConfig(JsonElement root)
    {
        const string path = "toolConfig.functionCallingConfig";
        if (!GeminiFields.TryGet(root, "toolConfig", "tool_config", out var toolConfig)
            || !GeminiFields.TryGet(toolConfig, "functionCallingConfig", "function_calling_config", out var config))
        {
            return (null, null, null);
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            return (null, null, GeminiFields.Invalid(path, $"'{path}' must be an object."));
        }

        var mode = GeminiFields.StringOf(config, "mode", "", path, out var error);
        if (error is not null)
        {
            return (null, null, error);
        }

        if (mode is not (null or "AUTO" or "ANY" or "NONE" or "VALIDATED" or "MODE_UNSPECIFIED"))
        {
            return (null, null, GeminiFields.Invalid($"{path}.mode", $"'{path}.mode' must be AUTO, ANY, NONE or VALIDATED (got '{mode}')."));
        }

        if (!GeminiFields.TryGet(config, "allowedFunctionNames", "allowed_function_names", out var names))
        {
            return (mode, null, null);
        }

        if (names.ValueKind != JsonValueKind.Array || names.EnumerateArray().Any(name => name.ValueKind != JsonValueKind.String))
        {
            return (null, null, GeminiFields.Invalid($"{path}.allowedFunctionNames", $"'{path}.allowedFunctionNames' must be an array of strings."));
        }

        return (mode, names.EnumerateArray().Select(name => name.GetString()!).ToHashSet(StringComparer.Ordinal), null);
    }

    private static GatewayError? WriteFunction(Utf8JsonWriter writer, JsonElement declaration, string path, HashSet<string>? allowed, List<string> written)
    {
        if (declaration.ValueKind != JsonValueKind.Object)
        {
            return GeminiFields.Invalid(path, $"'{path}' must be a FunctionDeclaration object.");
        }

        var name = GeminiFields.StringOf(declaration, "name", "", path, out var error);
        var description = error is null ? GeminiFields.StringOf(declaration, "description", "", path, out error) : null;
        if (error is not null || string.IsNullOrEmpty(name))
        {
            return error ?? GeminiFields.Missing($"{path}.name");
        }

        if (allowed is not null && !allowed.Contains(name))
        {
            return null;
        }

        if (written.Count == 0)
        {
            writer.WriteStartArray("tools"u8);
        }

        written.Add(name);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, name);
        if (description is not null)
        {
            writer.WriteString("description"u8, description);
        }

        writer.WritePropertyName("parameters"u8);
        if (GeminiFields.TryGet(declaration, "parametersJsonSchema", "parameters_json_schema", out var jsonSchema))
        {
            jsonSchema.WriteTo(writer);
        }
        else if (GeminiFields.TryGet(declaration, "parameters", out var schema))
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return GeminiFields.Invalid($"{path}.parameters", $"'{path}.parameters' must be a Schema object.");
            }

            GeminiSchema.WriteAsJsonSchema(writer, schema);
        }
        else
        {
            // OpenAI wants an object schema even for a function that takes nothing.
            writer.WriteStartObject();
            writer.WriteString("type"u8, "object"u8);
            writer.WriteStartObject("properties"u8);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        return null;
    }
}
