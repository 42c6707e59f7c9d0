using System.Text.Json;

namespace Switchboard.Server.Gemini;

/// <summary>Copies a Google OpenAPI-style <c>Schema</c> as JSON Schema.</summary>
/// <remarks>
/// The two differ mostly in spelling: Google's type names are upper case (<c>OBJECT</c>, <c>STRING</c>), JSON Schema's
/// lower case; an unspecified type says nothing. Every other keyword Google's Schema has (<c>properties</c>,
/// <c>items</c>, <c>enum</c>, <c>required</c>, <c>format</c>, <c>nullable</c>, ...) is copied as is, which JSON Schema
/// either shares or ignores. Nesting is already bounded by the body's depth limit.
/// </remarks>
internal static class GeminiSchema
{
    /// <summary>Writes <paramref name="schema"/> with its type names in JSON Schema's spelling.</summary>
    public static void WriteAsJsonSchema(Utf8JsonWriter writer, JsonElement schema)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in schema.EnumerateObject())
                {
                    if (property.NameEquals("type"u8) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var type = property.Value.GetString()!;
                        if (!type.Equals("TYPE_UNSPECIFIED", StringComparison.OrdinalIgnoreCase))
                        {
                            writer.WriteString("type"u8, type.ToLowerInvariant());
                        }

                        continue;
                    }

                    writer.WritePropertyName(property.Name);
                    WriteAsJsonSchema(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in schema.EnumerateArray())
                {
                    WriteAsJsonSchema(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                schema.WriteTo(writer);
                break;
        }
    }
}
