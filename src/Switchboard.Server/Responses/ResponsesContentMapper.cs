using System.Text;
using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Responses;

/// <summary>Translates the content parts of Responses input items into Chat content: user parts (text, images, inline files) and text-only content.</summary>
internal static class ResponsesContentMapper
{
    /// <summary>Writes one part of a user message as its Chat part, or returns the error naming it.</summary>
    public static GatewayError? UserPart(Utf8JsonWriter writer, JsonElement part, string path)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type(path, "an object");
        }

        var type = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "input_text" or "output_text":
                if (RequiredString(part, "text", path, out var text) is { } textError)
                {
                    return textError;
                }

                writer.WriteStartObject();
                writer.WriteString("type"u8, "text"u8);
                writer.WriteString("text"u8, text);
                writer.WriteEndObject();
                return null;
            case "input_image":
                if (part.TryGetProperty("file_id", out var imageFile) && imageFile.ValueKind != JsonValueKind.Null)
                {
                    return ResponsesErrors.Unsupported(path + ".file_id", $"'{path}.file_id' needs OpenAI's Files API, which the gateway does not serve; send 'image_url' (a data: URL works).");
                }

                if (RequiredString(part, "image_url", path, out var url) is { } urlError)
                {
                    return urlError;
                }

                NestedPart(writer, "image_url", "url", url, part, "detail");
                return null;
            case "input_file":
                if (part.TryGetProperty("file_id", out var fileId) && fileId.ValueKind != JsonValueKind.Null
                    || part.TryGetProperty("file_url", out var fileUrl) && fileUrl.ValueKind != JsonValueKind.Null)
                {
                    return ResponsesErrors.Unsupported(path, $"'{path}' names a file by id or URL; the gateway forwards files only inline, as 'file_data'.");
                }

                if (RequiredString(part, "file_data", path, out var data) is { } dataError)
                {
                    return dataError;
                }

                NestedPart(writer, "file", "file_data", data, part, "filename");
                return null;
            case null:
                return ResponsesErrors.Missing(path + ".type");
            default:
                return ResponsesErrors.Unsupported(path + ".type", $"'{path}.type' '{type}' is not supported; use input_text, input_image or input_file.");
        }
    }

    /// <summary>Writes a Chat part whose payload nests under its type's name (<c>{"type":"file","file":{"file_data":…,"filename":…}}</c>), copying one optional string field of the Responses part.</summary>
    private static void NestedPart(Utf8JsonWriter writer, string type, string field, string value, JsonElement part, string optional)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        writer.WriteStartObject(type);
        writer.WriteString(field, value);
        if (part.TryGetProperty(optional, out var extra) && extra.ValueKind == JsonValueKind.String)
        {
            writer.WriteString(optional, extra.GetString());
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Appends the text of a string or of an array of text parts (<c>input_text</c>, <c>output_text</c>, <c>refusal</c>); any other part is refused.</summary>
    public static GatewayError? AppendText(JsonElement content, string path, StringBuilder text)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            text.Append(content.GetString());
            return null;
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                return ResponsesErrors.Type(partPath, "an object");
            }

            var type = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var field = type switch
            {
                "input_text" or "output_text" or "text" => "text",
                "refusal" => "refusal",
                _ => null,
            };
            if (field is null)
            {
                return ResponsesErrors.Unsupported(partPath + ".type", $"'{partPath}.type' '{type}' is not supported here: this content takes text parts only.");
            }

            if (RequiredString(part, field, partPath, out var value) is { } error)
            {
                return error;
            }

            text.Append(value);
        }

        return null;
    }

    /// <summary>Reads the required string field <paramref name="name"/> of an item, or returns the error naming it.</summary>
    public static GatewayError? RequiredString(JsonElement item, string name, string path, out string value)
    {
        value = "";
        if (!item.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ResponsesErrors.Missing($"{path}.{name}");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return ResponsesErrors.Type($"{path}.{name}", "a string");
        }

        value = element.GetString()!;
        return null;
    }
}
