using System.Buffers.Binary;
using System.Text.Json;
using Switchboard.Providers.Http;

namespace Switchboard.Providers.Embeddings;

/// <summary>Holds the OpenAI embeddings wire rule for <c>encoding_format</c>: <c>"base64"</c> asks for each vector as the base64 of its little-endian float32 bytes.</summary>
/// <remarks>
/// The <c>openai</c> npm SDK asks for base64 by default and decodes whatever comes back as base64, so a vector sent as a
/// float array reaches its caller as zeros. Every provider therefore answers in the format asked: the demo and Gemini
/// write it, and an OpenAI-compatible upstream that ignores the field has its float arrays re-encoded. Stateless.
/// </remarks>
internal static class EmbeddingEncoding
{
    /// <summary>Returns whether an OpenAI embeddings body asks for base64 vectors (a top-level <c>"encoding_format": "base64"</c>).</summary>
    /// <remarks>The body was validated by the gateway's parser; an unreadable one counts as not asking.</remarks>
    public static bool AsksBase64(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var base64 = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFormat = reader.ValueTextEquals("encoding_format"u8);
                reader.Read();
                if (isFormat)
                {
                    base64 = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("base64"u8);
                }

                reader.Skip();
            }

            return base64;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Writes the <c>embedding</c> property as the base64 of the values' little-endian float32 bytes.</summary>
    public static void WriteBase64Vector(Utf8JsonWriter writer, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        writer.WriteBase64String("embedding"u8, bytes);
    }

    /// <summary>Returns an OpenAI embeddings answer with every float-array <c>embedding</c> in <c>data</c> re-encoded as base64; an answer with none is returned as it is.</summary>
    /// <exception cref="JsonException">The answer is not JSON.</exception>
    /// <exception cref="FormatException">A vector holds something other than numbers.</exception>
    public static byte[] ToBase64Answer(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array
            || !data.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.Object && item.TryGetProperty("embedding", out var e) && e.ValueKind == JsonValueKind.Array))
        {
            return json;
        }

        using var output = new PooledBufferWriter(json.Length);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("data"u8))
                {
                    writer.WritePropertyName(property.Name);
                    WriteData(writer, property.Value);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteData(Utf8JsonWriter writer, JsonElement data)
    {
        writer.WriteStartArray();
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                item.WriteTo(writer);
                continue;
            }

            writer.WriteStartObject();
            foreach (var property in item.EnumerateObject())
            {
                if (property.NameEquals("embedding"u8) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    var values = new float[property.Value.GetArrayLength()];
                    var i = 0;
                    foreach (var value in property.Value.EnumerateArray())
                    {
                        values[i++] = value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number)
                            ? number
                            : throw new FormatException("An embedding holds something other than a float32 number.");
                    }

                    WriteBase64Vector(writer, values);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
