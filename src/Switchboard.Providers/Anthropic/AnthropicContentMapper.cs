using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Anthropic;

/// <summary>Translates OpenAI content parts (text, image_url, file) into Anthropic content blocks.</summary>
internal static class AnthropicContentMapper
{
    private static readonly string[] ImageMediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>Writes the blocks of a part array, skipping empty text; <paramref name="path"/> names the array in errors.</summary>
    public static UpstreamError? WriteParts(Utf8JsonWriter writer, JsonElement parts, string path)
    {
        var index = 0;
        foreach (var part in parts.EnumerateArray())
        {
            if (WritePart(writer, part, $"{path}[{index}]") is { } error)
            {
                return error;
            }

            index++;
        }

        return null;
    }

    /// <summary>Writes one content part as one block (or nothing for an empty text part).</summary>
    public static UpstreamError? WritePart(Utf8JsonWriter writer, JsonElement part, string path)
    {
        var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
                WriteTextBlock(writer, part);
                return null;
            case "image_url":
                return WriteImage(writer, part, path);
            case "file":
                return WriteDocument(writer, part, path);
            case "input_audio":
                return AnthropicRequestErrors.Unsupported($"{path}.type", "audio input");
            default:
                return AnthropicRequestErrors.Invalid($"{path}.type", $"'{path}.type' must be text, image_url or file.");
        }
    }

    /// <summary>Returns true when a text part has a non-empty <c>text</c>; Anthropic rejects empty text blocks.</summary>
    public static bool HasText(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text)
        && text.ValueKind == JsonValueKind.String && !text.ValueEquals(""u8);

    /// <summary>Writes a <c>text</c> block from a text part, keeping its <c>cache_control</c>.</summary>
    public static void WriteTextBlock(Utf8JsonWriter writer, JsonElement part)
    {
        if (!HasText(part))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "text"u8);
        writer.WritePropertyName("text"u8);
        part.GetProperty("text").WriteTo(writer);
        CopyCacheControl(writer, part);
        writer.WriteEndObject();
    }

    /// <summary>Copies a client's Anthropic-style <c>cache_control</c> marker (an OpenRouter/LiteLLM convention).</summary>
    public static void CopyCacheControl(Utf8JsonWriter writer, JsonElement source)
    {
        if (source.TryGetProperty("cache_control", out var cache) && cache.ValueKind == JsonValueKind.Object)
        {
            writer.WritePropertyName("cache_control"u8);
            cache.WriteTo(writer);
        }
    }

    private static UpstreamError? WriteImage(Utf8JsonWriter writer, JsonElement part, string path)
    {
        var image = part.TryGetProperty("image_url", out var i) ? i : default;
        var urlElement = image.ValueKind == JsonValueKind.String ? image
            : image.ValueKind == JsonValueKind.Object && image.TryGetProperty("url", out var u) ? u : default;
        if (urlElement.ValueKind != JsonValueKind.String)
        {
            return AnthropicRequestErrors.Invalid($"{path}.image_url.url", $"'{path}.image_url.url' must be a string.");
        }

        var url = urlElement.GetString()!;
        writer.WriteStartObject();
        writer.WriteString("type"u8, "image"u8);
        writer.WriteStartObject("source"u8);
        if (TryParseDataUrl(url, out var mediaType, out var dataStart))
        {
            if (!ImageMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            {
                return AnthropicRequestErrors.Invalid($"{path}.image_url.url", $"'{path}.image_url.url': Anthropic accepts image/jpeg, image/png, image/gif or image/webp, not {mediaType}.");
            }

            writer.WriteString("type"u8, "base64"u8);
            writer.WriteString("media_type"u8, mediaType.ToLowerInvariant());
            writer.WriteString("data"u8, url.AsSpan(dataStart));
        }
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            writer.WriteString("type"u8, "url"u8);
            writer.WriteString("url"u8, url);
        }
        else
        {
            return AnthropicRequestErrors.Invalid($"{path}.image_url.url", $"'{path}.image_url.url' must be an http(s) URL or a base64 data: URL.");
        }

        writer.WriteEndObject();
        CopyCacheControl(writer, part);
        writer.WriteEndObject();
        return null;
    }

    private static UpstreamError? WriteDocument(Utf8JsonWriter writer, JsonElement part, string path)
    {
        var file = part.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        if (file.ValueKind != JsonValueKind.Object || !file.TryGetProperty("file_data", out var dataElement) || dataElement.ValueKind != JsonValueKind.String)
        {
            // An OpenAI file_id names a file stored at OpenAI; Anthropic cannot read it.
            return AnthropicRequestErrors.Invalid($"{path}.file", $"'{path}.file' must carry file_data (base64 PDF); file_id is not supported by Anthropic models.");
        }

        var data = dataElement.GetString()!;
        var mediaType = "application/pdf";
        var dataStart = 0;
        if (data.StartsWith("data:", StringComparison.Ordinal) && !TryParseDataUrl(data, out mediaType, out dataStart))
        {
            return AnthropicRequestErrors.Invalid($"{path}.file.file_data", $"'{path}.file.file_data' must be a base64 data: URL.");
        }

        if (!mediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return AnthropicRequestErrors.Invalid($"{path}.file.file_data", $"'{path}.file.file_data': Anthropic accepts PDF documents, not {mediaType}.");
        }

        writer.WriteStartObject();
        writer.WriteString("type"u8, "document"u8);
        writer.WriteStartObject("source"u8);
        writer.WriteString("type"u8, "base64"u8);
        writer.WriteString("media_type"u8, "application/pdf"u8);
        writer.WriteString("data"u8, data.AsSpan(dataStart));
        writer.WriteEndObject();
        CopyCacheControl(writer, part);
        writer.WriteEndObject();
        return null;
    }

    /// <summary>Splits <c>data:&lt;media type&gt;;base64,&lt;data&gt;</c>; false for any other form.</summary>
    public static bool TryParseDataUrl(string url, out string mediaType, out int dataStart)
    {
        mediaType = "";
        dataStart = 0;
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = url.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        mediaType = header[..^7].ToString();
        dataStart = comma + 1;
        return mediaType.Length > 0;
    }
}
