using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Requests;

/// <summary>Validates an Embeddings body and extracts the model name.</summary>
public static class EmbeddingRequestParser
{
    /// <summary>Parses <paramref name="body"/>; returns the model or the error to send back.</summary>
    public static (string? Model, GatewayError? Error) Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            if (!RequestJson.IsValidUtf8(body.Span))
            {
                return (null, RequestJson.Describe(body.Span));
            }

            var reader = new Utf8JsonReader(body.Span, RequestJson.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"));
            }

            string? model = null;
            var hasInput = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!RequestJson.IsRepresentable(ref reader))
                {
                    return (null, RequestJson.Describe(body.Span));
                }

                if (RoutingFields.Find(ref reader) is { } routingField)
                {
                    return (null, RoutingFields.Refuse(routingField));
                }

                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return (null, GatewayErrors.InvalidRequest("'model' must be a string.", "model", "invalid_type"));
                    }

                    if (!RequestJson.IsRepresentable(ref reader))
                    {
                        return (null, RequestJson.Describe(body.Span));
                    }

                    model = reader.GetString();
                }
                else if (reader.ValueTextEquals("input"u8))
                {
                    reader.Read();
                    var (representable, error) = CheckInput(ref reader);
                    if (!representable)
                    {
                        return (null, RequestJson.Describe(body.Span));
                    }

                    if (error is not null)
                    {
                        return (null, error);
                    }

                    hasInput = true;
                }
                else if (reader.ValueTextEquals("encoding_format"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Null && !(reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("float"u8) || reader.ValueTextEquals("base64"u8))))
                    {
                        return (null, GatewayErrors.InvalidRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format", "invalid_value"));
                    }
                }
                else
                {
                    reader.Read();
                    if (!RequestJson.TrySkip(ref reader))
                    {
                        return (null, RequestJson.Describe(body.Span));
                    }
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return (null, GatewayErrors.InvalidRequest("The request body must be one JSON object.", code: "invalid_json"));
            }

            if (string.IsNullOrWhiteSpace(model))
            {
                return (null, GatewayErrors.InvalidRequest("'model' is required.", "model", "missing_required_parameter"));
            }

            return hasInput ? (model, null) : (null, GatewayErrors.InvalidRequest("'input' is required.", "input", "missing_required_parameter"));
        }
        catch (JsonException)
        {
            return (null, RequestJson.Describe(body.Span));
        }
    }

    /// <summary>Checks <c>input</c>; <c>Representable</c> is false when a string in it is text .NET cannot hold, and the caller describes that from the whole body.</summary>
    private static (bool Representable, GatewayError? Error) CheckInput(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueSpan.Length == 0 && !reader.ValueIsEscaped
                ? (true, GatewayErrors.InvalidRequest("'input' must not be empty.", "input", "invalid_value"))
                : (RequestJson.IsRepresentable(ref reader), null);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return (true, GatewayErrors.InvalidRequest("'input' must be a string or an array.", "input", "invalid_type"));
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number or JsonTokenType.StartArray))
            {
                return (true, GatewayErrors.InvalidRequest($"'input[{count}]' must be a string or tokens.", $"input[{count}]", "invalid_type"));
            }

            if (!RequestJson.TrySkip(ref reader))
            {
                return (false, null);
            }

            count++;
        }

        return count == 0 ? (true, GatewayErrors.InvalidRequest("'input' must not be empty.", "input", "invalid_value")) : (true, null);
    }
}
