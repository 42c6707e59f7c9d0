using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates OpenAI <c>tools</c> and <c>tool_choice</c> into Gemini <c>tools</c> and <c>toolConfig</c>.</summary>
/// <remarks>
/// All functions go into one <c>functionDeclarations</c> list. <c>tool_choice</c> <c>auto</c>/<c>none</c>/<c>required</c>
/// map to <c>AUTO</c>/<c>NONE</c>/<c>ANY</c>, and a named function to <c>ANY</c> restricted by
/// <c>allowedFunctionNames</c>. A function's <c>strict</c> flag has no Gemini counterpart and is dropped.
/// </remarks>
internal static class GeminiToolMapper
{
    public static UpstreamError? ToGeminiTools(JsonElement root, JsonObject request, GeminiRequestOptions options)
    {
        var declarations = new JsonArray();
        if (GeminiJson.TryGet(root, "tools", out var tools))
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                return GeminiJson.Invalid("tools", "'tools' must be an array.");
            }

            var index = -1;
            foreach (var tool in tools.EnumerateArray())
            {
                index++;
                var error = AddDeclaration(tool, $"tools[{index}]", declarations, options);
                if (error is not null)
                {
                    return error;
                }
            }
        }

        if (declarations.Count > 0)
        {
            request["tools"] = new JsonArray(new JsonObject { ["functionDeclarations"] = declarations });
        }

        return GeminiJson.TryGet(root, "tool_choice", out var choice) ? AddToolConfig(choice, declarations.Count > 0, request) : null;
    }

    private static UpstreamError? AddDeclaration(JsonElement tool, string path, JsonArray declarations, GeminiRequestOptions options)
    {
        var type = GeminiJson.StringOf(tool, "type");
        if (type != "function")
        {
            return GeminiJson.Invalid($"{path}.type", $"'{path}.type' '{type}' is not supported by Gemini platforms; only 'function' is.");
        }

        var function = GeminiJson.TryGet(tool, "function", out var f) ? f : default;
        var name = GeminiJson.StringOf(function, "name");
        if (string.IsNullOrEmpty(name))
        {
            return GeminiJson.Invalid($"{path}.function.name", $"'{path}.function.name' is missing.");
        }

        var declaration = new JsonObject { ["name"] = name };
        if (GeminiJson.StringOf(function, "description") is { } description)
        {
            declaration["description"] = description;
        }

        if (GeminiJson.TryGet(function, "parameters", out var parameters))
        {
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                return GeminiJson.Invalid($"{path}.function.parameters", $"'{path}.function.parameters' must be a JSON schema object.");
            }

            if (options.ParametersAsJsonSchema)
            {
                declaration["parametersJsonSchema"] = GeminiJson.ToNode(parameters);
            }
            else if (HasProperties(parameters))
            {
                // Gemini rejects an OBJECT schema with no properties, so a function without parameters sends none.
                declaration["parameters"] = GeminiSchemaSanitizer.ToGeminiSchema(parameters);
            }
        }

        declarations.Add((JsonNode)declaration);
        return null;
    }

    private static bool HasProperties(JsonElement schema) =>
        !schema.TryGetProperty("properties", out var properties)
            ? GeminiJson.StringOf(schema, "type") is not (null or "object")
            : properties.ValueKind == JsonValueKind.Object && properties.EnumerateObject().Any();

    private static UpstreamError? AddToolConfig(JsonElement choice, bool hasTools, JsonObject request)
    {
        string mode;
        string? allowed = null;
        if (choice.ValueKind == JsonValueKind.String)
        {
            mode = choice.GetString() switch
            {
                "auto" => "AUTO",
                "none" => "NONE",
                "required" => "ANY",
                var other => "?" + other,
            };
        }
        else if (GeminiJson.StringOf(choice, "type") == "function"
            && GeminiJson.TryGet(choice, "function", out var function) && GeminiJson.StringOf(function, "name") is { } name)
        {
            mode = "ANY";
            allowed = name;
        }
        else
        {
            mode = "?";
        }

        if (mode.StartsWith('?'))
        {
            return GeminiJson.Invalid("tool_choice", "'tool_choice' must be 'auto', 'none', 'required' or {\"type\":\"function\",\"function\":{\"name\":…}}.");
        }

        if (!hasTools)
        {
            // Without tools, "auto" and "none" mean nothing to Gemini; forcing a call cannot be honoured.
            return mode == "ANY" ? GeminiJson.Invalid("tool_choice", "'tool_choice' requires a tool call but 'tools' is empty.") : null;
        }

        var config = new JsonObject { ["mode"] = mode };
        if (allowed is not null)
        {
            config["allowedFunctionNames"] = new JsonArray(allowed);
        }

        request["toolConfig"] = new JsonObject { ["functionCallingConfig"] = config };
        return null;
    }
}
