using System.Buffers;
using System.Text.Json;
using Switchboard.Abstractions.Providers;

namespace Switchboard.Providers.OpenAI;

/// <summary>Rewrites a client's Chat Completions body for an OpenAI-compatible upstream in one forward pass.</summary>
/// <remarks>
/// Every field the gateway does not own is copied byte for byte (unknown fields pass through untouched).
/// The gateway owns <c>model</c>, <c>stream</c> and <c>stream_options</c>; it renames the output cap when the
/// endpoint wants the other name, drops fields the endpoint rejects, and fills in extra-body defaults the
/// client did not send (client fields win).
/// </remarks>
internal static class OpenAIRequestWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> body, UpstreamTarget target, OpenAIWireOptions options, bool stream)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        var reader = new Utf8JsonReader(body);
        reader.Read();
        writer.WriteStartObject();
        writer.WriteString("model"u8, target.UpstreamModel);
        HashSet<string>? seen = target.ExtraBody is null && target.Endpoint.ExtraBody is null ? null : new HashSet<string>(StringComparer.Ordinal);
        JsonElement? clientStreamOptions = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (name == "stream_options" && reader.TokenType == JsonTokenType.StartObject)
            {
                clientStreamOptions = JsonElement.ParseValue(ref reader);
                continue;
            }

            reader.Skip();
            var raw = body[start..(int)reader.BytesConsumed];
            if (name is "model" or "stream" or "stream_options" || options.DropFields.Contains(name))
            {
                continue;
            }

            var outName = name;
            if (options.MaxTokensField is { } field && name is "max_tokens" or "max_completion_tokens")
            {
                outName = field;
                if (seen is not null && seen.Contains(field))
                {
                    continue;
                }
            }

            seen?.Add(outName);
            writer.WritePropertyName(outName);
            writer.WriteRawValue(raw, skipInputValidation: true);
        }

        if (seen is not null)
        {
            WriteDefaults(writer, target.ExtraBody, seen);
            WriteDefaults(writer, target.Endpoint.ExtraBody, seen);
        }

        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);
            WriteStreamOptions(writer, clientStreamOptions, options.StreamUsage);
        }

        writer.WriteEndObject();
    }

    private static void WriteStreamOptions(Utf8JsonWriter writer, JsonElement? client, bool askForUsage)
    {
        if (!askForUsage && client is null)
        {
            return;
        }

        writer.WriteStartObject("stream_options"u8);
        if (client is { } existing)
        {
            foreach (var property in existing.EnumerateObject())
            {
                if (!askForUsage || property.Name != "include_usage")
                {
                    property.WriteTo(writer);
                }
            }
        }

        if (askForUsage)
        {
            writer.WriteBoolean("include_usage"u8, true);
        }

        writer.WriteEndObject();
    }

    private static void WriteDefaults(Utf8JsonWriter writer, JsonElement? defaults, HashSet<string> seen)
    {
        if (defaults is not { ValueKind: JsonValueKind.Object } values)
        {
            return;
        }

        foreach (var property in values.EnumerateObject())
        {
            if (property.Name is "model" or "stream" or "stream_options" || !seen.Add(property.Name))
            {
                continue;
            }

            property.WriteTo(writer);
        }
    }
}
