using System.Buffers;
using System.Text.Json;

namespace Switchboard.Providers.Http;

/// <summary>Writes a client's own request body for an upstream that speaks the client's protocol: every field as it came, except the two the gateway owns.</summary>
/// <remarks>
/// The gateway owns <c>model</c> (the source's upstream name) and <c>stream</c> (the route decides it); everything
/// else, including fields and block types the canonical form does not model, is copied byte for byte in order.
/// </remarks>
internal static class NativeBodyWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>Writes <paramref name="body"/> (a JSON object the edge already validated) with <paramref name="model"/> and <paramref name="stream"/> set.</summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> body, string model, bool stream)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        var reader = new Utf8JsonReader(body);
        reader.Read();
        writer.WriteStartObject();
        writer.WriteString("model"u8, model);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var owned = reader.ValueTextEquals("model"u8) || reader.ValueTextEquals("stream"u8);
            var name = owned ? null : reader.GetString();
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (name is not null)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(body[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
        }

        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);
        }

        writer.WriteEndObject();
    }
}
