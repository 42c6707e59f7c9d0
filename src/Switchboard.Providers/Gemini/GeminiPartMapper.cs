using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Gemini;

/// <summary>Translates OpenAI message content (a string or an array of typed parts) into Gemini parts.</summary>
/// <remarks>
/// <c>text</c> → <c>{text}</c>; <c>image_url</c> with a base64 data URL → <c>inlineData</c>, with an http(s) URL →
/// <c>fileData</c> (MIME type guessed from the extension, else <c>image/*</c>); <c>input_audio</c> →
/// <c>inlineData</c> <c>audio/{format}</c>; <c>file</c> with base64 <c>file_data</c> → <c>inlineData</c>.
/// Uploaded-file ids and unknown part types are refused by name. Empty text is skipped: Gemini rejects empty parts.
/// </remarks>
internal static class GeminiPartMapper
{
    /// <summary>Appends the parts of a message's <c>content</c> to <paramref name="parts"/>.</summary>
    public static UpstreamError? AppendParts(JsonElement message, string path, GeminiAllowedParts allowed, List<JsonNode> parts)
    {
        if (!GeminiJson.TryGet(message, "content", out var content))
        {
            return null;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content.GetString(), parts);
            return null;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return GeminiJson.Invalid($"{path}.content", $"'{path}.content' must be a string or an array of parts.");
        }

        var index = -1;
        foreach (var part in content.EnumerateArray())
        {
            index++;
            var partPath = $"{path}.content[{index}]";
            var type = GeminiJson.StringOf(part, "type");
            var error = type switch
            {
                "text" => AddText(GeminiJson.StringOf(part, "text"), parts),
                "refusal" when allowed == GeminiAllowedParts.Assistant => AddText(GeminiJson.StringOf(part, "refusal"), parts),
                "image_url" when allowed == GeminiAllowedParts.User => AddImage(part, partPath, parts),
                "input_audio" when allowed == GeminiAllowedParts.User => AddAudio(part, partPath, parts),
                "file" when allowed == GeminiAllowedParts.User => AddFile(part, partPath, parts),
                _ => GeminiJson.Invalid($"{partPath}.type", $"Content part type '{type}' is not supported in this message for Gemini platforms."),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Gets the text of a content string or of the text parts of a content array.</summary>
    public static string TextOf(JsonElement message)
    {
        if (!GeminiJson.TryGet(message, "content", out var content))
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? "";
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return content.GetRawText();
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            text.Append(GeminiJson.StringOf(part, "text"));
        }

        return text.ToString();
    }

    private static UpstreamError? AddText(string? text, List<JsonNode> parts)
    {
        if (!string.IsNullOrEmpty(text))
        {
            parts.Add(new JsonObject { ["text"] = text });
        }

        return null;
    }

    private static UpstreamError? AddImage(JsonElement part, string path, List<JsonNode> parts)
    {
        var image = GeminiJson.TryGet(part, "image_url", out var value) ? value : default;
        var url = image.ValueKind == JsonValueKind.String ? image.GetString() : GeminiJson.StringOf(image, "url");
        if (string.IsNullOrEmpty(url))
        {
            return GeminiJson.Invalid($"{path}.image_url.url", $"'{path}.image_url.url' is missing.");
        }

        if (TryParseDataUrl(url, out var mimeType, out var data))
        {
            parts.Add(InlineData(mimeType, data));
            return null;
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("gs://", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add(new JsonObject { ["fileData"] = new JsonObject { ["mimeType"] = GuessMimeType(url) ?? "image/*", ["fileUri"] = url } });
            return null;
        }

        return GeminiJson.Invalid($"{path}.image_url.url", $"'{path}.image_url.url' must be a base64 data URL or an http(s) URL.");
    }

    private static UpstreamError? AddAudio(JsonElement part, string path, List<JsonNode> parts)
    {
        var audio = GeminiJson.TryGet(part, "input_audio", out var value) ? value : default;
        var data = GeminiJson.StringOf(audio, "data");
        var format = GeminiJson.StringOf(audio, "format");
        if (string.IsNullOrEmpty(data) || string.IsNullOrEmpty(format))
        {
            return GeminiJson.Invalid($"{path}.input_audio", $"'{path}.input_audio' needs 'data' and 'format'.");
        }

        parts.Add(InlineData("audio/" + format.ToLowerInvariant(), data));
        return null;
    }

    private static UpstreamError? AddFile(JsonElement part, string path, List<JsonNode> parts)
    {
        var file = GeminiJson.TryGet(part, "file", out var value) ? value : default;
        var fileData = GeminiJson.StringOf(file, "file_data");
        if (string.IsNullOrEmpty(fileData))
        {
            return GeminiJson.Invalid($"{path}.file", GeminiJson.StringOf(file, "file_id") is null
                ? $"'{path}.file.file_data' is missing."
                : $"'{path}.file.file_id' (an uploaded file) is not supported by Gemini platforms; send 'file_data'.");
        }

        if (TryParseDataUrl(fileData, out var mimeType, out var data))
        {
            parts.Add(InlineData(mimeType, data));
            return null;
        }

        var guessed = GuessMimeType(GeminiJson.StringOf(file, "filename") ?? "");
        if (guessed is null)
        {
            return GeminiJson.Invalid($"{path}.file.file_data", $"'{path}.file.file_data' must be a base64 data URL, or 'filename' must name a known file type.");
        }

        parts.Add(InlineData(guessed, fileData));
        return null;
    }

    private static JsonObject InlineData(string mimeType, string data) =>
        new() { ["inlineData"] = new JsonObject { ["mimeType"] = mimeType, ["data"] = data } };

    /// <summary>Splits <c>data:{mime}[;param];base64,{data}</c>; other data URLs are not accepted.</summary>
    internal static bool TryParseDataUrl(string url, out string mimeType, out string data)
    {
        mimeType = "";
        data = "";
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var meta = url.AsSpan(5, comma - 5);
        if (!meta.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var semicolon = meta.IndexOf(';');
        mimeType = meta[..semicolon].Trim().ToString();
        data = url[(comma + 1)..];
        return mimeType.Length > 0;
    }

    private static string? GuessMimeType(string url)
    {
        var path = url.AsSpan();
        var cut = path.IndexOfAny('?', '#');
        if (cut >= 0)
        {
            path = path[..cut];
        }

        var dot = path.LastIndexOf('.');
        if (dot < 0 || path.LastIndexOf('/') > dot)
        {
            return null;
        }

        return path[(dot + 1)..].ToString().ToLowerInvariant() switch
        {
            "png" => "image/png",
            "jpg" or "jpeg" => "image/jpeg",
            "webp" => "image/webp",
            "gif" => "image/gif",
            "heic" => "image/heic",
            "heif" => "image/heif",
            "pdf" => "application/pdf",
            "txt" => "text/plain",
            "mp3" => "audio/mp3",
            "wav" => "audio/wav",
            "mp4" => "video/mp4",
            _ => null,
        };
    }
}
