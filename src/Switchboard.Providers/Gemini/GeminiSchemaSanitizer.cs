using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Providers.Gemini;

/// <summary>Cleans a JSON Schema into the OpenAPI subset Gemini accepts in <c>functionDeclarations[].parameters</c>.</summary>
/// <remarks>
/// Gemini's protobuf parser refuses the whole request on any field its <c>Schema</c> message lacks
/// (<c>additionalProperties</c>, <c>$schema</c>, <c>$defs</c>, <c>propertyNames</c>, <c>uniqueItems</c>, ...), so this
/// keeps only the fields of <c>google.ai.generativelanguage.v1beta.Schema</c> and drops the rest, at every depth.
/// It also rewrites what has a faithful equivalent: local <c>$ref</c>s into <c>$defs</c>/<c>definitions</c> are inlined
/// (a cycle becomes a plain object), <c>"type": [T, "null"]</c> becomes <c>T</c> with <c>nullable</c>, <c>oneOf</c>
/// becomes <c>anyOf</c>, a single-branch <c>allOf</c> is inlined, <c>const</c> becomes a one-value <c>enum</c>, enum
/// values become strings, <c>format</c> is kept only for the values Gemini documents, and <c>required</c> keeps only
/// names that are in <c>properties</c>. Use the endpoint option <c>tool_parameters: json_schema</c> to send the
/// client's schema untouched as <c>parametersJsonSchema</c> instead.
/// </remarks>
internal static class GeminiSchemaSanitizer
{
    private const int MaxDepth = 32;

    private static readonly FrozenSet<string> CopiedAsIs = FrozenSet.Create(StringComparer.Ordinal,
        "title", "description", "nullable", "pattern", "minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength",
        "minProperties", "maxProperties", "default", "example", "propertyOrdering");

    private static readonly FrozenSet<string> KnownFormats = FrozenSet.Create(StringComparer.Ordinal,
        "enum", "date-time", "int32", "int64", "float", "double");

    public static JsonObject ToGeminiSchema(JsonElement schema) => Convert(schema, schema, [], 0);

    private static JsonObject Convert(JsonElement schema, JsonElement root, HashSet<string> resolving, int depth)
    {
        var result = new JsonObject();
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            result["type"] = "object";
            return result;
        }

        if (GeminiJson.StringOf(schema, "$ref") is { } reference)
        {
            InlineReference(reference, root, resolving, depth, result);
        }

        foreach (var property in schema.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "type":
                    SetType(value, result);
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    var properties = new JsonObject();
                    foreach (var child in value.EnumerateObject())
                    {
                        properties[child.Name] = Convert(child.Value, root, resolving, depth + 1);
                    }

                    result["properties"] = properties;
                    break;
                case "items" when value.ValueKind == JsonValueKind.Object:
                    result["items"] = Convert(value, root, resolving, depth + 1);
                    break;
                case "items" when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0:
                    // Tuple validation has no Gemini form; the first item's schema is the closest.
                    result["items"] = Convert(value[0], root, resolving, depth + 1);
                    break;
                case "anyOf" or "oneOf" when value.ValueKind == JsonValueKind.Array:
                    SetAnyOf(value, root, resolving, depth, result);
                    break;
                case "allOf" when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1:
                    MergeInto(result, Convert(value[0], root, resolving, depth + 1));
                    break;
                case "enum" when value.ValueKind == JsonValueKind.Array:
                    SetEnum(value, result);
                    break;
                case "const" when !schema.TryGetProperty("enum", out _):
                    var single = StringOf(value);
                    if (single is not null)
                    {
                        result["enum"] = new JsonArray(single);
                    }

                    break;
                case "format" when value.ValueKind == JsonValueKind.String && KnownFormats.Contains(value.GetString()!):
                    result["format"] = value.GetString();
                    break;
                case "required" when value.ValueKind == JsonValueKind.Array:
                    result["required"] = new JsonArray(value.EnumerateArray()
                        .Where(v => v.ValueKind == JsonValueKind.String).Select(v => (JsonNode?)v.GetString()).ToArray());
                    break;
                case var name when CopiedAsIs.Contains(name):
                    result[name] = GeminiJson.ToNode(value);
                    break;
            }
        }

        PruneRequired(result);
        if (!result.ContainsKey("type") && !result.ContainsKey("anyOf"))
        {
            // Gemini needs the type that JSON Schema lets authors leave implicit.
            if (result.ContainsKey("properties"))
            {
                result["type"] = "object";
            }
            else if (result.ContainsKey("items"))
            {
                result["type"] = "array";
            }
        }

        return result;
    }

    private static void InlineReference(string reference, JsonElement root, HashSet<string> resolving, int depth, JsonObject result)
    {
        var target = Resolve(reference, root);
        if (target is null || !resolving.Add(reference))
        {
            result["type"] = "object";
            return;
        }

        MergeInto(result, Convert(target.Value, root, resolving, depth + 1));
        resolving.Remove(reference);
    }

    private static JsonElement? Resolve(string reference, JsonElement root)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["#/$defs/", "#/definitions/"])
        {
            if (reference.StartsWith(prefix, StringComparison.Ordinal)
                && root.TryGetProperty(prefix[2..^1], out var defs) && defs.ValueKind == JsonValueKind.Object
                && defs.TryGetProperty(reference[prefix.Length..], out var target))
            {
                return target;
            }
        }

        return reference == "#" ? root : null;
    }

    private static void SetType(JsonElement value, JsonObject result)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            result["type"] = value.GetString();
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var types = value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList();
        if (types.Remove("null"))
        {
            result["nullable"] = true;
        }

        if (types.Count == 1)
        {
            result["type"] = types[0];
        }
        else if (types.Count > 1)
        {
            result["anyOf"] = new JsonArray(types.Select(t => (JsonNode?)new JsonObject { ["type"] = t }).ToArray());
        }
    }

    private static void SetAnyOf(JsonElement branches, JsonElement root, HashSet<string> resolving, int depth, JsonObject result)
    {
        var kept = new List<JsonObject>();
        foreach (var branch in branches.EnumerateArray())
        {
            if (GeminiJson.StringOf(branch, "type") == "null")
            {
                result["nullable"] = true;
                continue;
            }

            kept.Add(Convert(branch, root, resolving, depth + 1));
        }

        if (kept.Count == 1)
        {
            // Optional[T] arrives as anyOf [T, null]: send T itself, which every Gemini model accepts.
            MergeInto(result, kept[0]);
        }
        else if (kept.Count > 1)
        {
            result["anyOf"] = new JsonArray(kept.Select(k => (JsonNode?)k).ToArray());
        }
    }

    private static void SetEnum(JsonElement values, JsonObject result)
    {
        var strings = new JsonArray();
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                result["nullable"] = true;
            }
            else if (StringOf(value) is { } text)
            {
                strings.Add((JsonNode)text);
            }
        }

        result["enum"] = strings;
    }

    private static string? StringOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source.ToList())
        {
            if (!target.ContainsKey(name))
            {
                source.Remove(name);
                target[name] = value;
            }
        }
    }

    private static void PruneRequired(JsonObject result)
    {
        if (result["required"] is not JsonArray required)
        {
            return;
        }

        var properties = result["properties"] as JsonObject;
        for (var i = required.Count - 1; i >= 0; i--)
        {
            if (properties is null || !properties.ContainsKey(required[i]!.GetValue<string>()))
            {
                required.RemoveAt(i);
            }
        }

        if (required.Count == 0)
        {
            result.Remove("required");
        }
    }
}
