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
            var reader = new Utf8JsonReader(body.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"));
            }

            string? model = null;
            var hasInput = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return (null, GatewayErrors.InvalidRequest("'model' must be a string.", "model", "invalid_type"));
                    }

                    model = reader.GetString();
                }
                else if (reader.ValueTextEquals("input"u8))
                {
                    reader.Read();
                    var error = CheckInput(ref reader);
                    if (error is not null)
                    {
                        return (null, error);
                    }

                    hasInput = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
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
        catch (JsonException ex)
        {
            return (null, GatewayErrors.InvalidRequest($"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", code: "invalid_json"));
        }
    }

    private static GatewayError? CheckInput(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueSpan.Length == 0 && !reader.ValueIsEscaped
                ? GatewayErrors.InvalidRequest("'input' must not be empty.", "input", "invalid_value")
                : null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return GatewayErrors.InvalidRequest("'input' must be a string or an array.", "input", "invalid_type");
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number or JsonTokenType.StartArray))
            {
                return GatewayErrors.InvalidRequest($"'input[{count}]' must be a string or tokens.", $"input[{count}]", "invalid_type");
            }

            reader.Skip();
            count++;
        }

        return count == 0 ? GatewayErrors.InvalidRequest("'input' must not be empty.", "input", "invalid_value") : null;
    }
}
