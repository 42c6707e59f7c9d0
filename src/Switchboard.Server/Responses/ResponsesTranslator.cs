using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Responses;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Responses;

/// <summary>Translates a Responses API request (and the stored conversation it continues) into the canonical OpenAI Chat body.</summary>
/// <remarks>
/// Every field is checked here and named by its Responses name; the Chat body then goes through the same parser as
/// <c>/v1/chat/completions</c>, so every limit of that route applies. Fields the Responses API has but no upstream here
/// can serve (built-in tools, background mode, conversations, prompt templates, files by id) are refused with a 400
/// naming them; fields that change nothing for the answer (<c>include</c>, <c>truncation</c>, <c>service_tier</c>) are accepted and ignored.
/// </remarks>
internal static class ResponsesTranslator
{
    private const int MaxMetadataPairs = 16;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Translates <paramref name="request"/>, continuing <paramref name="previous"/> when it is set.</summary>
    public static (ResponsesTranslation? Translation, GatewayError? Error) Translate(ResponsesRequest request, StoredResponse? previous)
    {
        var root = request.Root;
        if (Unsupported(root) is { } unsupported)
        {
            return (null, unsupported);
        }

        var chat = new ArrayBufferWriter<byte>(1024);
        var input = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(chat, WriterOptions);
        using var inputWriter = new Utf8JsonWriter(input, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("model"u8, request.Model);
        writer.WriteStartArray("messages"u8);
        inputWriter.WriteStartArray();
        var mapper = new ResponsesInputMapper(writer);
        if (Messages(root, previous, mapper, inputWriter) is { } messageError)
        {
            return (null, messageError);
        }

        writer.WriteEndArray();
        inputWriter.WriteEndArray();
        if (request.Stream)
        {
            writer.WriteBoolean("stream"u8, true);
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
        }

        var error = Sampling(root, writer) ?? ResponsesToolMapper.Write(root, writer) ?? TextFormat(root, writer) ?? Reasoning(root, writer) ?? Metadata(root);
        if (error is not null)
        {
            return (null, error);
        }

        writer.WriteEndObject();
        writer.Flush();
        inputWriter.Flush();
        return (new ResponsesTranslation(chat.WrittenSpan.ToArray(), input.WrittenSpan.ToArray()), null);
    }

    private static GatewayError? Unsupported(JsonElement root)
    {
        if (root.TryGetProperty("background", out var background) && background.ValueKind == JsonValueKind.True)
        {
            return ResponsesErrors.Unsupported("background", "'background' responses are not supported by this gateway; send the request without it (stream it if it runs long).");
        }

        foreach (var name in (ReadOnlySpan<string>)["conversation", "prompt"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return ResponsesErrors.Unsupported(name, $"'{name}' is not supported by this gateway; continue a conversation with 'previous_response_id' and send the prompt as 'input'.");
            }
        }

        return null;
    }

    private static GatewayError? Messages(JsonElement root, StoredResponse? previous, ResponsesInputMapper mapper, Utf8JsonWriter inputWriter)
    {
        if (root.TryGetProperty("instructions", out var instructions) && instructions.ValueKind != JsonValueKind.Null)
        {
            if (instructions.ValueKind != JsonValueKind.String)
            {
                return ResponsesErrors.Type("instructions", "a string");
            }

            // Instructions belong to one request: a continued conversation does not carry the previous ones.
            mapper.Instructions(instructions.GetString()!);
        }

        if (previous is not null && Previous(previous, mapper, inputWriter) is { } previousError)
        {
            return previousError;
        }

        var before = mapper.Count;
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return ResponsesErrors.Missing("input");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            mapper.UserText(input.GetString()!);
            inputWriter.WriteStartObject();
            inputWriter.WriteString("role"u8, "user"u8);
            inputWriter.WriteString("content"u8, input.GetString());
            inputWriter.WriteEndObject();
        }
        else if (input.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in input.EnumerateArray())
            {
                if (mapper.Map(item, $"input[{index++}]") is { } error)
                {
                    return error;
                }

                item.WriteTo(inputWriter);
            }

            if (index == 0)
            {
                return ResponsesErrors.Invalid("input", "'input' must contain at least one item.");
            }
        }
        else
        {
            return ResponsesErrors.Type("input", "a string or an array of input items");
        }

        mapper.Flush();
        return mapper.Count > before || previous is not null ? null : ResponsesErrors.Invalid("input", "'input' holds no message for the model (reasoning items alone are not a turn).");
    }

    /// <summary>Replays the stored conversation: its input items, then its output items, as the turns before this request's input.</summary>
    private static GatewayError? Previous(StoredResponse previous, ResponsesInputMapper mapper, Utf8JsonWriter inputWriter)
    {
        using var inputs = JsonDocument.Parse(previous.InputJson, new JsonDocumentOptions { MaxDepth = RequestJson.MaxDepth });
        using var response = JsonDocument.Parse(previous.ResponseJson, new JsonDocumentOptions { MaxDepth = RequestJson.MaxDepth });
        var outputs = response.RootElement.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.Array ? o : default;
        foreach (var items in (ReadOnlySpan<JsonElement>)[inputs.RootElement, outputs])
        {
            if (items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                if (mapper.Map(item, "previous_response_id") is { } error)
                {
                    return error;
                }

                item.WriteTo(inputWriter);
            }
        }

        return null;
    }

    private static GatewayError? Sampling(JsonElement root, Utf8JsonWriter writer)
    {
        if (root.TryGetProperty("max_output_tokens", out var cap) && cap.ValueKind != JsonValueKind.Null)
        {
            if (cap.ValueKind != JsonValueKind.Number || !cap.TryGetInt64(out var tokens))
            {
                return ResponsesErrors.Type("max_output_tokens", "an integer");
            }

            if (tokens < 1 || tokens > ChatRequestParser.MaxOutputTokens)
            {
                return ResponsesErrors.Invalid("max_output_tokens", $"'max_output_tokens' must be between 1 and {ChatRequestParser.MaxOutputTokens} (got {tokens}).");
            }

            writer.WriteNumber("max_completion_tokens"u8, tokens);
        }

        // Same names and ranges as Chat: the Chat parser checks the values and names them.
        foreach (var name in (ReadOnlySpan<string>)["temperature", "top_p"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        foreach (var name in (ReadOnlySpan<string>)["user", "safety_identifier"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                if (value.ValueKind != JsonValueKind.String)
                {
                    return ResponsesErrors.Type(name, "a string");
                }

                writer.WriteString(name, value.GetString());
            }
        }

        return null;
    }

    /// <summary>Maps <c>text.format</c> to <c>response_format</c>: <c>json_schema</c> (its flat fields nested under <c>json_schema</c>) or <c>json_object</c>.</summary>
    private static GatewayError? TextFormat(JsonElement root, Utf8JsonWriter writer)
    {
        if (!root.TryGetProperty("text", out var text) || text.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (text.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type("text", "an object");
        }

        if (!text.TryGetProperty("format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (format.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type("text.format", "an object");
        }

        var type = format.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return null;
            case "json_object":
                writer.WriteStartObject("response_format"u8);
                writer.WriteString("type"u8, "json_object"u8);
                writer.WriteEndObject();
                return null;
            case "json_schema":
                if (!format.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return ResponsesErrors.Missing("text.format.name");
                }

                if (!format.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                {
                    return schema.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? ResponsesErrors.Missing("text.format.schema") : ResponsesErrors.Type("text.format.schema", "a JSON Schema object");
                }

                writer.WriteStartObject("response_format"u8);
                writer.WriteString("type"u8, "json_schema"u8);
                writer.WriteStartObject("json_schema"u8);
                foreach (var field in format.EnumerateObject())
                {
                    if (field.NameEquals("name"u8) || field.NameEquals("schema"u8) || field.NameEquals("description"u8) || field.NameEquals("strict"u8))
                    {
                        field.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                return null;
            case null:
                return ResponsesErrors.Missing("text.format.type");
            default:
                return ResponsesErrors.Invalid("text.format.type", $"'text.format.type' must be text, json_object or json_schema (got '{type}').");
        }
    }

    private static GatewayError? Reasoning(JsonElement root, Utf8JsonWriter writer)
    {
        if (!root.TryGetProperty("reasoning", out var reasoning) || reasoning.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (reasoning.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type("reasoning", "an object");
        }

        if (reasoning.TryGetProperty("effort", out var effort) && effort.ValueKind != JsonValueKind.Null)
        {
            if (effort.ValueKind != JsonValueKind.String)
            {
                return ResponsesErrors.Type("reasoning.effort", "a string");
            }

            writer.WriteString("reasoning_effort"u8, effort.GetString());
        }

        return null;
    }

    /// <summary>Checks <c>metadata</c> against OpenAI's bounds (16 pairs, keys up to 64 and values up to 512 characters); it is echoed on the response, not sent upstream.</summary>
    private static GatewayError? Metadata(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return ResponsesErrors.Type("metadata", "an object of strings");
        }

        var count = 0;
        foreach (var pair in metadata.EnumerateObject())
        {
            if (++count > MaxMetadataPairs)
            {
                return ResponsesErrors.Invalid("metadata", $"'metadata' may hold at most {MaxMetadataPairs} pairs.");
            }

            if (pair.Name.Length > 64)
            {
                return ResponsesErrors.Invalid("metadata", "'metadata' keys may be at most 64 characters.");
            }

            if (pair.Value.ValueKind != JsonValueKind.String)
            {
                return ResponsesErrors.Type($"metadata.{pair.Name}", "a string");
            }

            if (pair.Value.GetString()!.Length > 512)
            {
                return ResponsesErrors.Invalid($"metadata.{pair.Name}", "'metadata' values may be at most 512 characters.");
            }
        }

        return null;
    }
}
