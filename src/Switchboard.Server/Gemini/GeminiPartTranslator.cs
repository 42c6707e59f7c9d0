using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Gemini;

/// <summary>Writes one Gemini user content part as a canonical content part.</summary>
internal static class GeminiPartTranslator
{
    /// <summary>Writes one content part (text, <c>inlineData</c> as a data URL, <c>fileData</c> as a URL), or returns the error for a field that cannot be translated.</summary>
    public static GatewayError? Write(Utf8JsonWriter writer, JsonElement part, string path)
    {
        if (GeminiFields.TryGet(part, "text", out var text))
        {
            if (text.ValueKind != JsonValueKind.String)
            {
                return GeminiFields.Invalid($"{path}.text", $"'{path}.text' must be a string.");
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WriteString("text"u8, text.GetString());
            writer.WriteEndObject();
            return null;
        }

        string? url;
        if (GeminiFields.TryGet(part, "inlineData", "inline_data", out var inline))
        {
            var where = $"{path}.inlineData";
            var mime = GeminiFields.StringOf(inline, "mimeType", "mime_type", where, out var error);
            var data = error is null ? GeminiFields.StringOf(inline, "data", "", where, out error) : null;
            if (error is not null || string.IsNullOrEmpty(mime) || string.IsNullOrEmpty(data))
            {
                return error ?? GeminiFields.Missing(string.IsNullOrEmpty(mime) ? $"{where}.mimeType" : $"{where}.data");
            }

            url = $"data:{mime};base64,{data}";
        }
        else
        {
            GeminiFields.TryGet(part, "fileData", "file_data", out var file);
            var where = $"{path}.fileData";
            url = GeminiFields.StringOf(file, "fileUri", "file_uri", where, out var error);
            if (error is not null || string.IsNullOrEmpty(url))
            {
                return error ?? GeminiFields.Missing($"{where}.fileUri");
            }
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "image_url"u8);
        writer.WriteStartObject("image_url"u8);
        writer.WriteString("url"u8, url);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return null;
    }
}
