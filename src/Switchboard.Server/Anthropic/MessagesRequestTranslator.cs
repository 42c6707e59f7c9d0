using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Anthropic;

/// <summary>Translates an Anthropic Messages request body into the canonical OpenAI Chat body, checking it the way Anthropic does.</summary>
/// <remarks>
/// Validation messages follow Anthropic's wording (<c>max_tokens: Field required</c>) and name the field in
/// <see cref="GatewayError.Param"/>. Fields with no canonical form (<c>top_k</c>, <c>cache_control</c>, server tools,
/// <c>mcp_servers</c>, <c>context_management</c>, <c>container</c>, <c>service_tier</c>, unknown block types) are left out
/// of the translation: an Anthropic upstream receives the client's own body, which keeps them.
/// </remarks>
internal static class MessagesRequestTranslator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the canonical body for <paramref name="body"/> to <paramref name="output"/>, or returns the 400 to answer.</summary>
    /// <param name="body">The client's Messages body.</param>
    /// <param name="output">Receives the canonical body.</param>
    /// <param name="requireMaxTokens">False for <c>count_tokens</c>, which takes no <c>max_tokens</c>; one given is still checked.</param>
    public static GatewayError? Translate(ReadOnlyMemory<byte> body, IBufferWriter<byte> output, bool requireMaxTokens = true)
    {
        if (RequestJson.Check(body.Span) is { } unreadable)
        {
            return unreadable;
        }

        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = RequestJson.MaxDepth });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("body", "Input should be an object");
        }

        var modelError = Required(root, "model", JsonValueKind.String, "a valid string", out var model);
        JsonElement maxTokens = default;
        var capError = requireMaxTokens || (root.TryGetProperty("max_tokens", out var given) && given.ValueKind != JsonValueKind.Null)
            ? Required(root, "max_tokens", JsonValueKind.Number, "a valid integer", out maxTokens)
            : null;
        var messagesError = Required(root, "messages", JsonValueKind.Array, "a valid list", out var messages);
        var error = modelError ?? capError ?? messagesError;
        if (error is not null)
        {
            return error;
        }

        var cap = 0;
        if (maxTokens.ValueKind == JsonValueKind.Number && (!maxTokens.TryGetInt32(out cap) || cap < 1))
        {
            return Invalid("max_tokens", "Input should be a positive integer");
        }

        if (model.GetString()!.Length == 0)
        {
            return Invalid("model", "String should have at least 1 character");
        }

        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WritePropertyName("model"u8);
        model.WriteTo(writer);
        if (cap > 0)
        {
            writer.WriteNumber("max_tokens"u8, cap);
        }
        writer.WriteStartArray("messages"u8);
        error = WriteSystem(writer, root) ?? MessagesContentTranslator.WriteMessages(writer, messages);
        if (error is not null)
        {
            return error;
        }

        writer.WriteEndArray();
        error = WriteSampling(writer, root)
            ?? MessagesToolTranslator.WriteTools(writer, root)
            ?? WriteThinking(writer, root)
            ?? WriteOutputFormat(writer, root)
            ?? WriteStream(writer, root);
        if (error is not null)
        {
            return error;
        }

        writer.WriteEndObject();
        writer.Flush();
        return null;
    }

    /// <summary>Creates a 400 in Anthropic's wording: the dotted field path, a colon, then what is wrong.</summary>
    public static GatewayError Invalid(string param, string message) =>
        GatewayErrors.InvalidRequest($"{param}: {message}", param);

    private static GatewayError? Required(JsonElement root, string name, JsonValueKind kind, string what, out JsonElement value)
    {
        if (!root.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return Invalid(name, "Field required");
        }

        return value.ValueKind == kind ? null : Invalid(name, "Input should be " + what);
    }

    private static GatewayError? WriteSystem(Utf8JsonWriter writer, JsonElement root)
    {
        if (!root.TryGetProperty("system", out var system) || system.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (system.ValueKind == JsonValueKind.String)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, "system"u8);
            writer.WritePropertyName("content"u8);
            system.WriteTo(writer);
            writer.WriteEndObject();
            return null;
        }

        if (system.ValueKind != JsonValueKind.Array)
        {
            return Invalid("system", "Input should be a valid string or a list of text blocks");
        }

        var index = 0;
        foreach (var block in system.EnumerateArray())
        {
            if (!MessagesContentTranslator.IsBlock(block, "text"u8) || !block.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return Invalid($"system.{index}", "Input should be a text block with a 'text' string");
            }

            index++;
        }

        if (index == 0)
        {
            return null;
        }

        // cache_control is Anthropic's; the canonical parts carry the text alone (an Anthropic upstream gets the original).
        writer.WriteStartObject();
        writer.WriteString("role"u8, "system"u8);
        writer.WriteStartArray("content"u8);
        foreach (var block in system.EnumerateArray())
        {
            MessagesContentTranslator.WriteTextPart(writer, block.GetProperty("text"));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return null;
    }

    private static GatewayError? WriteSampling(Utf8JsonWriter writer, JsonElement root)
    {
        foreach (var (name, max) in (ReadOnlySpan<(string, double)>)[("temperature", 1.0), ("top_p", 1.0)])
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
            {
                return Invalid(name, "Input should be a valid number");
            }

            if (number < 0 || number > max)
            {
                return Invalid(name, $"Input should be between 0 and {max:0.0}");
            }

            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }

        if (root.TryGetProperty("top_k", out var topK) && topK.ValueKind is not (JsonValueKind.Null or JsonValueKind.Number))
        {
            return Invalid("top_k", "Input should be a valid integer");
        }

        if (root.TryGetProperty("stop_sequences", out var stops) && stops.ValueKind != JsonValueKind.Null)
        {
            if (stops.ValueKind != JsonValueKind.Array || stops.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
            {
                return Invalid("stop_sequences", "Input should be a valid list of strings");
            }

            if (stops.GetArrayLength() > 0)
            {
                writer.WritePropertyName("stop"u8);
                stops.WriteTo(writer);
            }
        }

        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                return Invalid("metadata", "Input should be a valid dictionary");
            }

            if (metadata.TryGetProperty("user_id", out var user) && user.ValueKind == JsonValueKind.String && user.GetString()!.Length > 0)
            {
                writer.WritePropertyName("user"u8);
                user.WriteTo(writer);
            }
        }

        return null;
    }

    private static GatewayError? WriteThinking(Utf8JsonWriter writer, JsonElement root)
    {
        if (!root.TryGetProperty("thinking", out var thinking) || thinking.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (thinking.ValueKind != JsonValueKind.Object || !thinking.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return Invalid("thinking.type", "Field required");
        }

        if (!type.ValueEquals("enabled"u8))
        {
            // "disabled" is the default everywhere; "adaptive" leaves the budget to an Anthropic model (passthrough keeps it).
            return null;
        }

        if (!thinking.TryGetProperty("budget_tokens", out var budget) || budget.ValueKind != JsonValueKind.Number || !budget.TryGetInt32(out var tokens) || tokens < 1)
        {
            return Invalid("thinking.budget_tokens", "Input should be a positive integer");
        }

        // The canonical form takes Anthropic's own shape: every provider reads the budget from it.
        writer.WriteStartObject("thinking"u8);
        writer.WriteString("type"u8, "enabled"u8);
        writer.WriteNumber("budget_tokens"u8, tokens);
        writer.WriteEndObject();
        return null;
    }

    private static GatewayError? WriteOutputFormat(Utf8JsonWriter writer, JsonElement root)
    {
        // Structured outputs: output_config.format (current) or the beta's top-level output_format.
        var format = root.TryGetProperty("output_config", out var config) && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("format", out var f)
            ? f
            : root.TryGetProperty("output_format", out var legacy) ? legacy : default;
        if (format.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (!MessagesContentTranslator.IsBlock(format, "json_schema"u8) || !format.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
        {
            return Invalid("output_config.format", "Input should be a json_schema format with a 'schema' object");
        }

        writer.WriteStartObject("response_format"u8);
        writer.WriteString("type"u8, "json_schema"u8);
        writer.WriteStartObject("json_schema"u8);
        writer.WriteString("name"u8, "output"u8);
        writer.WritePropertyName("schema"u8);
        schema.WriteTo(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return null;
    }

    private static GatewayError? WriteStream(Utf8JsonWriter writer, JsonElement root)
    {
        if (!root.TryGetProperty("stream", out var stream) || stream.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (stream.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Invalid("stream", "Input should be a valid boolean");
        }

        if (stream.ValueKind == JsonValueKind.True)
        {
            // Anthropic's message_delta carries the final usage, so a translated upstream must report it.
            writer.WriteBoolean("stream"u8, true);
            writer.WriteStartObject("stream_options"u8);
            writer.WriteBoolean("include_usage"u8, true);
            writer.WriteEndObject();
        }

        return null;
    }
}
