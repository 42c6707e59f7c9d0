using System.Buffers;
using System.Text.Json;
using Switchboard.Core.Errors;
using Switchboard.Core.Requests;

namespace Switchboard.Server.Classic;

/// <summary>Holds an original-service chat body (<c>model_name</c>, <c>provider</c>, <c>messages</c>, <c>parameters</c>, <c>user_id</c>) translated to an OpenAI Chat body.</summary>
/// <remarks>
/// The translation is mechanical: <c>model_name</c> becomes <c>model</c>, <c>messages</c> is copied as it is, each field of
/// <c>parameters</c> becomes a top-level chat field, and <c>stream</c> is the route's (true on <c>/stream</c>, false
/// otherwise, whatever the body says). The chat body then goes through the same validation and pipeline as
/// <c>/v1/chat/completions</c>. Unknown top-level fields are refused rather than dropped, so a chat field sent beside
/// <c>parameters</c> instead of inside it is not silently ignored.
/// </remarks>
internal sealed class ClassicChatRequest
{
    /// <summary>The longest <c>provider</c> or <c>user_id</c> accepted; longer values are client mistakes, not names.</summary>
    private const int MaxNameLength = 128;

    private ClassicChatRequest(ReadOnlyMemory<byte> chatBody, string? provider, string? userId)
    {
        ChatBody = chatBody;
        Provider = provider;
        UserId = userId;
    }

    /// <summary>Gets the OpenAI Chat Completions body (UTF-8 JSON object).</summary>
    public ReadOnlyMemory<byte> ChatBody { get; }

    /// <summary>Gets the provider the client asked for (a platform's kind, preset or name), or null.</summary>
    public string? Provider { get; }

    /// <summary>Gets the user the client acts for, or null.</summary>
    public string? UserId { get; }

    /// <summary>Translates <paramref name="body"/>; returns the request or the error to send back.</summary>
    public static (ClassicChatRequest? Request, GatewayError? Error) Translate(ReadOnlyMemory<byte> body, bool stream)
    {
        try
        {
            return TranslateCore(body, stream);
        }
        catch (JsonException)
        {
            return (null, RequestJson.Describe(body.Span));
        }
    }

    /// <summary>Renames a chat field named by a validation error to where the client wrote it: <c>model_name</c>, <c>messages…</c>, or <c>parameters.…</c>.</summary>
    public static GatewayError ToClassicParam(GatewayError error) => error.Param switch
    {
        null => error,
        "model" => error with { Param = "model_name", Message = error.Message.Replace("'model'", "'model_name'", StringComparison.Ordinal) },
        var param when param.StartsWith("messages", StringComparison.Ordinal) => error,
        var param => error with { Param = "parameters." + param },
    };

    private static (ClassicChatRequest?, GatewayError?) TranslateCore(ReadOnlyMemory<byte> body, bool stream)
    {
        var span = body.Span;
        if (!RequestJson.IsValidUtf8(span))
        {
            return (null, RequestJson.Describe(span));
        }

        var reader = new Utf8JsonReader(span, RequestJson.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"));
        }

        // The chat body is the classic one minus a few names plus "model" and "stream": never much larger.
        var output = new ArrayBufferWriter<byte>(body.Length + 64);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        string? model = null, provider = null, userId = null;
        var seen = Field.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!RequestJson.IsRepresentable(ref reader))
            {
                return (null, RequestJson.Describe(span));
            }

            var field = Identify(ref reader);
            var name = reader.GetString()!;
            if (field != Field.Unknown && (seen & field) != 0)
            {
                return (null, GatewayErrors.InvalidRequest($"'{name}' appears twice.", name, "invalid_value"));
            }

            seen |= field;
            reader.Read();
            GatewayError? error = null;
            switch (field)
            {
                case Field.ModelName:
                    (model, error) = ReadName(ref reader, name, required: true);
                    break;
                case Field.Provider:
                    (provider, error) = ReadName(ref reader, name, required: false);
                    break;
                case Field.UserId:
                    (userId, error) = ReadUserId(ref reader);
                    break;
                case Field.Messages:
                    error = reader.TokenType == JsonTokenType.StartArray ? null : TypeError("messages", "an array");
                    if (error is null)
                    {
                        writer.WritePropertyName("messages"u8);
                        CopyValue(ref reader, span, writer);
                    }

                    break;
                case Field.Parameters:
                    error = CopyParameters(ref reader, span, writer);
                    break;
                case Field.Stream:
                    // The route decides; a body's own "stream" is read past, as the original service did.
                    error = RequestJson.TrySkip(ref reader) ? null : RequestJson.Describe(span);
                    break;
                default:
                    return (null, GatewayErrors.InvalidRequest(
                        $"'{name}' is not a field of this route: it takes model_name, provider, messages, parameters and user_id. Put chat fields such as temperature under 'parameters'.",
                        name, "unknown_parameter"));
            }

            if (error is not null)
            {
                return (null, error);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return (null, GatewayErrors.InvalidRequest("The request body must be one JSON object.", code: "invalid_json"));
        }

        if (model is null)
        {
            return (null, GatewayErrors.InvalidRequest("'model_name' is required.", "model_name", "missing_required_parameter"));
        }

        if ((seen & Field.Messages) == 0)
        {
            return (null, GatewayErrors.InvalidRequest("'messages' is required.", "messages", "missing_required_parameter"));
        }

        writer.WriteString("model"u8, model);
        writer.WriteBoolean("stream"u8, stream);
        writer.WriteEndObject();
        writer.Flush();
        return (new ClassicChatRequest(output.WrittenMemory, provider, userId), null);
    }

    /// <summary>Copies every field of <c>parameters</c> to the top level of the chat body, except those the body owns elsewhere.</summary>
    private static GatewayError? CopyParameters(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, Utf8JsonWriter writer)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return TypeError("parameters", "an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!RequestJson.IsRepresentable(ref reader))
            {
                return RequestJson.Describe(body);
            }

            if (reader.ValueTextEquals("model"u8) || reader.ValueTextEquals("messages"u8))
            {
                var name = reader.GetString();
                var owner = name == "model" ? "model_name" : "messages";
                return GatewayErrors.InvalidRequest($"'parameters.{name}' cannot be set: send it as '{owner}' at the top level.", $"parameters.{name}", "invalid_value");
            }

            var isStream = reader.ValueTextEquals("stream"u8);
            var parameter = reader.GetString()!;
            reader.Read();
            if (isStream)
            {
                // The route decides whether the answer streams, whatever the parameters say.
                if (!RequestJson.TrySkip(ref reader))
                {
                    return RequestJson.Describe(body);
                }

                continue;
            }

            writer.WritePropertyName(parameter);
            if (!CopyValue(ref reader, body, writer))
            {
                return RequestJson.Describe(body);
            }
        }

        return null;
    }

    /// <summary>Writes the value the reader is on as it is in the body and moves past it; returns false at text no string can hold.</summary>
    private static bool CopyValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, Utf8JsonWriter writer)
    {
        var start = (int)reader.TokenStartIndex;
        if (!RequestJson.TrySkip(ref reader))
        {
            return false;
        }

        writer.WriteRawValue(body[start..(int)reader.BytesConsumed], skipInputValidation: true);
        return true;
    }

    private static (string? Value, GatewayError? Error) ReadName(ref Utf8JsonReader reader, string name, bool required)
    {
        if (reader.TokenType == JsonTokenType.Null && !required)
        {
            return (null, null);
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return (null, TypeError(name, "a string"));
        }

        if (!RequestJson.IsRepresentable(ref reader))
        {
            return (null, GatewayErrors.InvalidRequest($"'{name}' is not valid text.", name, "invalid_text"));
        }

        var value = reader.GetString()!.Trim();
        if (value.Length == 0)
        {
            return required
                ? (null, GatewayErrors.InvalidRequest($"'{name}' is required.", name, "missing_required_parameter"))
                : (null, null);
        }

        return value.Length > MaxNameLength && name != "model_name"
            ? (null, GatewayErrors.InvalidRequest($"'{name}' must be at most {MaxNameLength} characters.", name, "invalid_value"))
            : (value, null);
    }

    /// <summary>Reads <c>user_id</c>: a string, or an integer as the original service's numeric ids were sent.</summary>
    private static (string? Value, GatewayError? Error) ReadUserId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var number)
                ? (number.ToString(System.Globalization.CultureInfo.InvariantCulture), null)
                : (null, TypeError("user_id", "a string or an integer"));
        }

        var (value, error) = reader.TokenType is JsonTokenType.String or JsonTokenType.Null
            ? ReadName(ref reader, "user_id", required: false)
            : (null, TypeError("user_id", "a string or an integer"));
        if (value is not null && value.Any(char.IsControl))
        {
            return (null, GatewayErrors.InvalidRequest("'user_id' must not contain control characters.", "user_id", "invalid_value"));
        }

        return (value, error);
    }

    private static Field Identify(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("model_name"u8) ? Field.ModelName
        : reader.ValueTextEquals("messages"u8) ? Field.Messages
        : reader.ValueTextEquals("parameters"u8) ? Field.Parameters
        : reader.ValueTextEquals("provider"u8) ? Field.Provider
        : reader.ValueTextEquals("user_id"u8) ? Field.UserId
        : reader.ValueTextEquals("stream"u8) ? Field.Stream
        : Field.Unknown;

    private static GatewayError TypeError(string field, string expected) =>
        GatewayErrors.InvalidRequest($"'{field}' must be {expected}.", field, "invalid_type");

    [Flags]
    private enum Field
    {
        None = 0,
        ModelName = 1,
        Messages = 2,
        Parameters = 4,
        Provider = 8,
        UserId = 16,
        Stream = 32,
        Unknown = 64,
    }
}
