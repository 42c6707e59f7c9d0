using System.Globalization;
using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Gemini;

/// <summary>Writes a gateway error in Google's shape, <c>{"error":{"code","message","status","details"}}</c>: the one place the gateway's errors meet Google's status vocabulary.</summary>
/// <remarks>
/// <c>code</c> is the HTTP status and <c>status</c> Google's name for it. The gateway's own error code travels in a
/// <c>google.rpc.ErrorInfo</c> detail (<c>reason</c>, with the field in <c>metadata.param</c>), and a wait in a
/// <c>google.rpc.RetryInfo</c> detail, which Google's clients read to back off.
/// </remarks>
internal static class GeminiErrorShape
{
    /// <summary>Returns Google's status name for <paramref name="error"/>.</summary>
    public static string StatusOf(GatewayError error) => error.Status switch
    {
        400 or 413 or 415 or 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        502 or 503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        >= 500 => "INTERNAL",
        _ => "FAILED_PRECONDITION",
    };

    /// <summary>Writes the whole error object.</summary>
    public static void WriteBody(Utf8JsonWriter writer, GatewayError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, error.Status);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("status"u8, StatusOf(error));
        writer.WriteStartArray("details"u8);
        writer.WriteStartObject();
        writer.WriteString("@type"u8, "type.googleapis.com/google.rpc.ErrorInfo"u8);
        writer.WriteString("reason"u8, error.Code);
        writer.WriteString("domain"u8, "switchboard"u8);
        if (error.Param is { } param)
        {
            writer.WriteStartObject("metadata"u8);
            writer.WriteString("param"u8, param);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (error.RetryAfter is { } wait)
        {
            writer.WriteStartObject();
            writer.WriteString("@type"u8, "type.googleapis.com/google.rpc.RetryInfo"u8);
            writer.WriteString("retryDelay"u8, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
