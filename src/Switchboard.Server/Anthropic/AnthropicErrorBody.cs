using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Anthropic;

/// <summary>Writes the gateway's errors in Anthropic's shape, <c>{"type":"error","error":{"type","message"},"request_id"}</c>: the one place a gateway error gets its Anthropic type.</summary>
internal static class AnthropicErrorBody
{
    /// <summary>Returns Anthropic's error type for <paramref name="error"/>, chosen by its status as Anthropic's own documentation pairs them.</summary>
    public static string TypeOf(GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Status switch
        {
            400 or 415 or 422 => "invalid_request_error",
            401 => "authentication_error",
            402 => "billing_error",
            403 => "permission_error",
            404 => "not_found_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            503 or 529 => "overloaded_error",
            504 => "timeout_error",
            _ => "api_error",
        };
    }

    /// <summary>Writes the error object; <paramref name="requestId"/> is added as Anthropic adds its own when known.</summary>
    public static void Write(Utf8JsonWriter writer, GatewayError error, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type"u8, "error"u8);
        writer.WriteStartObject("error"u8);
        writer.WriteString("type"u8, TypeOf(error));
        writer.WriteString("message"u8, error.Message);
        writer.WriteEndObject();
        if (requestId is not null)
        {
            writer.WriteString("request_id"u8, requestId);
        }

        writer.WriteEndObject();
    }
}
