using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Requests;

/// <summary>Validates a Chat Completions body in one pass and extracts the fields the engine needs.</summary>
/// <remarks>
/// Errors name the offending field (<c>messages[2].role</c>) the way OpenAI's <c>param</c> does. Out-of-range
/// values are rejected, never clamped. Fields the gateway does not know are left for the upstream to judge.
/// </remarks>
public static class ChatRequestParser
{
    /// <summary>The largest output cap accepted; anything above is a client mistake, not a real model limit.</summary>
    public const int MaxOutputTokens = 1_000_000;

    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    /// <summary>The message count <see cref="ReadMessages"/> returns for text it cannot represent; the caller describes the error from the whole body.</summary>
    private const int Unrepresentable = -2;

    /// <summary>Parses <paramref name="body"/>; returns the request or the error to send back.</summary>
    public static (ChatCompletionRequest? Request, GatewayError? Error) Parse(ReadOnlyMemory<byte> body) => Parse(body, native: null);

    /// <summary>Parses <paramref name="body"/>, the canonical translation of a client's request in another protocol, and carries <paramref name="native"/> along; returns the request or the error to send back.</summary>
    public static (ChatCompletionRequest? Request, GatewayError? Error) Parse(ReadOnlyMemory<byte> body, NativeRequest? native)
    {
        try
        {
            return ParseCore(body, native);
        }
        catch (JsonException)
        {
            return (null, RequestJson.Describe(body.Span));
        }
    }

    private static (ChatCompletionRequest?, GatewayError?) ParseCore(ReadOnlyMemory<byte> body, NativeRequest? native)
    {
        if (!RequestJson.IsValidUtf8(body.Span))
        {
            return (null, RequestJson.Describe(body.Span));
        }

        var reader = new Utf8JsonReader(body.Span, RequestJson.ReaderOptions);
        if (!reader.Read())
        {
            return (null, GatewayErrors.InvalidRequest("The request body is empty.", code: "invalid_json"));
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, GatewayErrors.InvalidRequest("The request body must be a JSON object.", code: "invalid_json"));
        }

        string? model = null;
        var stream = false;
        var includeUsage = false;
        int? maxTokens = null;
        var choices = 1;
        int? thinkingBudget = null;
        var messageCount = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            GatewayError? error = null;
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
                    return (null, TypeError("model", "a string"));
                }

                if (!RequestJson.IsRepresentable(ref reader))
                {
                    return (null, RequestJson.Describe(body.Span));
                }

                model = reader.GetString();
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                (messageCount, error) = ReadMessages(ref reader);
                if (messageCount == Unrepresentable)
                {
                    return (null, RequestJson.Describe(body.Span));
                }
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    return (null, TypeError("stream", "a boolean"));
                }

                stream = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                reader.Read();
                (includeUsage, error) = ReadStreamOptions(ref reader, body.Span);
            }
            else if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8))
            {
                var name = reader.GetString()!;
                reader.Read();
                int? value;
                (value, error) = ReadTokenCap(ref reader, name);

                // Providers differ in which name wins when a body sets both; the larger one bounds the answer either way.
                maxTokens = value is { } cap && (maxTokens is null || cap > maxTokens) ? cap : maxTokens;
            }
            else if (reader.ValueTextEquals("temperature"u8))
            {
                reader.Read();
                error = CheckNumber(ref reader, "temperature", 0, 2);
            }
            else if (reader.ValueTextEquals("top_p"u8))
            {
                reader.Read();
                error = CheckNumber(ref reader, "top_p", 0, 1);
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                error = CheckNumber(ref reader, "n", 1, 128, integer: true);
                choices = error is null && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) ? n : choices;
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                if (!ReadThinkingBudget(ref reader, out thinkingBudget))
                {
                    return (null, RequestJson.Describe(body.Span));
                }
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                reader.Read();
                error = reader.TokenType is JsonTokenType.StartArray or JsonTokenType.Null ? null : TypeError("tools", "an array");
                if (error is null && !RequestJson.TrySkip(ref reader))
                {
                    return (null, RequestJson.Describe(body.Span));
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

            if (error is not null)
            {
                return (null, error);
            }
        }

        // Reading past the closing brace makes the reader reject trailing content after the object.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return (null, GatewayErrors.InvalidRequest("The request body must be one JSON object.", code: "invalid_json"));
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            return (null, GatewayErrors.InvalidRequest("'model' is required.", "model", "missing_required_parameter"));
        }

        if (messageCount < 0)
        {
            return (null, GatewayErrors.InvalidRequest("'messages' is required.", "messages", "missing_required_parameter"));
        }

        return (new ChatCompletionRequest
        {
            Body = body,
            Model = model,
            Stream = stream,
            IncludeUsage = includeUsage,
            MaxTokens = maxTokens,
            Choices = choices,
            ThinkingBudgetTokens = thinkingBudget,
            MessageCount = messageCount,
            Native = native,
        }, null);
    }

    private static (int Count, GatewayError? Error) ReadMessages(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return (-1, TypeError("messages", "an array"));
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return (-1, TypeError($"messages[{index}]", "an object"));
            }

            string? role = null;
            var hasToolCallId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!RequestJson.IsRepresentable(ref reader))
                {
                    return (Unrepresentable, null);
                }

                if (reader.ValueTextEquals("role"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return (-1, TypeError($"messages[{index}].role", "a string"));
                    }

                    if (!RequestJson.IsRepresentable(ref reader))
                    {
                        return (Unrepresentable, null);
                    }

                    role = reader.GetString();
                }
                else if (reader.ValueTextEquals("content"u8))
                {
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.StartArray or JsonTokenType.Null))
                    {
                        return (-1, TypeError($"messages[{index}].content", "a string, an array of content parts, or null"));
                    }

                    if (!RequestJson.TrySkip(ref reader))
                    {
                        return (Unrepresentable, null);
                    }
                }
                else if (reader.ValueTextEquals("tool_call_id"u8))
                {
                    reader.Read();
                    hasToolCallId = reader.TokenType == JsonTokenType.String;
                    if (!RequestJson.TrySkip(ref reader))
                    {
                        return (Unrepresentable, null);
                    }
                }
                else
                {
                    reader.Read();
                    if (!RequestJson.TrySkip(ref reader))
                    {
                        return (Unrepresentable, null);
                    }
                }
            }

            if (role is null)
            {
                return (-1, GatewayErrors.InvalidRequest($"'messages[{index}].role' is required.", $"messages[{index}].role", "missing_required_parameter"));
            }

            if (Array.IndexOf(Roles, role) < 0)
            {
                return (-1, GatewayErrors.InvalidRequest($"'messages[{index}].role' must be one of {string.Join(", ", Roles)} (got '{role}').", $"messages[{index}].role", "invalid_value"));
            }

            if (role == "tool" && !hasToolCallId)
            {
                return (-1, GatewayErrors.InvalidRequest($"'messages[{index}].tool_call_id' is required for tool messages.", $"messages[{index}].tool_call_id", "missing_required_parameter"));
            }

            index++;
        }

        if (index == 0)
        {
            return (-1, GatewayErrors.InvalidRequest("'messages' must contain at least one message.", "messages", "invalid_value"));
        }

        return (index, null);
    }

    /// <summary>Reads <c>thinking.budget_tokens</c> when it is an integer, leaving other shapes for the provider to judge; returns false on text no string can hold.</summary>
    private static bool ReadThinkingBudget(ref Utf8JsonReader reader, out int? budget)
    {
        budget = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return RequestJson.TrySkip(ref reader);
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!RequestJson.IsRepresentable(ref reader))
            {
                return false;
            }

            var isBudget = reader.ValueTextEquals("budget_tokens"u8);
            reader.Read();
            if (isBudget && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 0)
            {
                budget = value;
            }
            else if (!RequestJson.TrySkip(ref reader))
            {
                return false;
            }
        }

        return true;
    }

    private static (bool IncludeUsage, GatewayError? Error) ReadStreamOptions(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (false, null);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (false, TypeError("stream_options", "an object"));
        }

        var includeUsage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!RequestJson.IsRepresentable(ref reader))
            {
                return (false, RequestJson.Describe(body));
            }

            var isUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isUsage)
            {
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return (false, TypeError("stream_options.include_usage", "a boolean"));
                }

                includeUsage = reader.TokenType == JsonTokenType.True;
            }
            else if (!RequestJson.TrySkip(ref reader))
            {
                return (false, RequestJson.Describe(body));
            }
        }

        return (includeUsage, null);
    }

    private static (int? Value, GatewayError? Error) ReadTokenCap(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return (null, null);
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            return (null, TypeError(name, "an integer"));
        }

        if (value < 1 || value > MaxOutputTokens)
        {
            return (null, GatewayErrors.InvalidRequest($"'{name}' must be between 1 and {MaxOutputTokens} (got {value}).", name, "invalid_value"));
        }

        return ((int)value, null);
    }

    private static GatewayError? CheckNumber(ref Utf8JsonReader reader, string name, double min, double max, bool integer = false)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || (integer && !reader.TryGetInt64(out _)))
        {
            return TypeError(name, integer ? "an integer" : "a number");
        }

        return value < min || value > max
            ? GatewayErrors.InvalidRequest($"'{name}' must be between {min} and {max} (got {value}).", name, "invalid_value")
            : null;
    }

    private static GatewayError TypeError(string field, string expected) =>
        GatewayErrors.InvalidRequest($"'{field}' must be {expected}.", field, "invalid_type");
}
