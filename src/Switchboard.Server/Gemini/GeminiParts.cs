using System.Text.Json;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Gemini;

namespace Switchboard.Server.Gemini;

/// <summary>Writes the pieces a Gemini answer and a Gemini stream event share: a function-call part, a thought part, and a candidate's closing fields.</summary>
internal static class GeminiParts
{
    /// <summary>Writes a <c>functionCall</c> part; arguments that are not a JSON object (a model's malformed JSON) become <c>{}</c>, since Gemini's <c>args</c> is always an object.</summary>
    public static void WriteFunctionCall(Utf8JsonWriter writer, string id, string name, string arguments, string? signature)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("functionCall"u8);
        writer.WriteString("id"u8, id);
        writer.WriteString("name"u8, name);
        writer.WritePropertyName("args"u8);
        WriteArguments(writer, arguments);
        writer.WriteEndObject();
        if (signature is not null)
        {
            writer.WriteString("thoughtSignature"u8, signature);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a thought part: reasoning text marked <c>thought</c>, with the signature that lets the upstream continue from it.</summary>
    public static void WriteThought(Utf8JsonWriter writer, string text, string? signature)
    {
        writer.WriteStartObject();
        writer.WriteString("text"u8, text);
        writer.WriteBoolean("thought"u8, true);
        if (signature is not null)
        {
            writer.WriteString("thoughtSignature"u8, signature);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the fields that follow <c>candidates</c>: usage (when known), model version and response id.</summary>
    public static void WriteTrailer(Utf8JsonWriter writer, TokenUsage? usage, string model, string responseId)
    {
        if (usage is { } known)
        {
            GeminiUsage.WriteMetadata(writer, known);
        }

        writer.WriteString("modelVersion"u8, model);
        writer.WriteString("responseId"u8, responseId);
    }

    private static void WriteArguments(Utf8JsonWriter writer, string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                document.RootElement.WriteTo(writer);
                return;
            }
        }
        catch (JsonException)
        {
            // Falls through to the empty object below.
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
