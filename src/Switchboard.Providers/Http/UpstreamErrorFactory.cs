using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Switchboard.Abstractions.Chat;

using Switchboard.Providers.Probing;

namespace Switchboard.Providers.Http;

/// <summary>Turns upstream error responses and transport failures into <see cref="UpstreamError"/> values.</summary>
/// <remarks>
/// Reads the error body shapes of every protocol we speak: OpenAI <c>{"error":{message,type,code,param}}</c>,
/// old vLLM <c>{"object":"error","message"}</c>, Anthropic <c>{"type":"error","error":{type,message}}</c> and
/// Google RPC <c>{"error":{code,message,status}}</c>. Protocol folders refine the kind where a vendor needs it.
/// </remarks>
internal static class UpstreamErrorFactory
{
    private const int MaxMessageLength = 2000;

    public static UpstreamErrorKind KindFromStatus(int status) => status switch
    {
        400 or 422 => UpstreamErrorKind.InvalidRequest,
        401 => UpstreamErrorKind.Authentication,
        402 => UpstreamErrorKind.InsufficientQuota,
        403 => UpstreamErrorKind.PermissionDenied,
        404 => UpstreamErrorKind.NotFound,
        408 or 504 => UpstreamErrorKind.Timeout,
        413 => UpstreamErrorKind.RequestTooLarge,
        429 => UpstreamErrorKind.RateLimited,
        503 or 529 => UpstreamErrorKind.Overloaded,
        >= 500 => UpstreamErrorKind.ServerError,
        409 => UpstreamErrorKind.ServerError,
        _ => UpstreamErrorKind.InvalidRequest,
    };

    /// <summary>Builds an error from a non-success response whose body was read into <paramref name="body"/>.</summary>
    public static UpstreamError FromResponse(HttpResponseMessage response, ReadOnlySpan<byte> body, string platformName)
    {
        var status = (int)response.StatusCode;
        var (message, code, param) = ReadBody(body);
        var kind = KindFromStatus(status);
        if (kind == UpstreamErrorKind.RateLimited && code is "insufficient_quota")
        {
            kind = UpstreamErrorKind.InsufficientQuota;
        }

        message ??= $"Upstream '{platformName}' returned HTTP {status}.";

        // OpenAI refuses every call from an unsupported region with this 403: no model of the key works from here.
        return new UpstreamError(kind, message)
        {
            UpstreamStatus = status,
            UpstreamCode = code,
            Param = param,
            RetryAfter = RetryAfterParser.Read(response),
            AccountWide = kind == UpstreamErrorKind.PermissionDenied && code is "unsupported_country_region_territory",
        };
    }

    /// <summary>Reads message, code and param from any of the known error body shapes; nulls when absent.</summary>
    public static (string? Message, string? Code, string? Param) ReadBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (Truncate(Encoding.UTF8.GetString(body)), null, null);
            }

            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
            var message = StringOf(error, "message") ?? StringOf(root, "message")
                ?? (root.TryGetProperty("error", out var es) && es.ValueKind == JsonValueKind.String ? es.GetString() : null);
            var code = StringOf(error, "code") ?? StringOf(error, "status") ?? StringOf(error, "type");
            var param = StringOf(error, "param");
            return (Truncate(message), code, param);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or JSON whose strings no .NET string can hold (an unpaired surrogate escape, invalid UTF-8): an
            // upstream's error body is untrusted, so it is read as lossy text instead of failing the request.
            var text = Encoding.UTF8.GetString(body).Trim();
            return (text.Length == 0 ? null : Truncate(text), null, null);
        }
    }

    private static string? StringOf(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string? Truncate(string? text) =>
        text is null ? null : text.Length <= MaxMessageLength ? text : string.Concat(text.AsSpan(0, MaxMessageLength), "…");

    /// <summary>Classifies an exception thrown by the transport.</summary>
    public static UpstreamError FromException(Exception exception, string platformName, bool timedOut)
    {
        if (timedOut)
        {
            return new UpstreamError(UpstreamErrorKind.Timeout, $"Upstream '{platformName}' did not answer in time.");
        }

        // A private platform's connection passes the SSRF guard, whose refusal already reads well for the user.
        if (exception is HttpRequestException { InnerException: ProbeRefusedException guardRefusal })
        {
            return new UpstreamError(UpstreamErrorKind.Connection, $"Upstream '{platformName}' cannot be reached from this gateway: {guardRefusal.Message}");
        }

        var refused = exception is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };
        var message = refused
            ? $"Upstream '{platformName}' refused the connection."
            : $"The connection to upstream '{platformName}' failed: {Describe(exception)}.";
        return new UpstreamError(UpstreamErrorKind.Connection, message);
    }

    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => error.ToString(),
        IOException => "the connection was reset",
        _ => exception.GetType().Name,
    };

    public static UpstreamError Malformed(string platformName, string what) =>
        new(UpstreamErrorKind.MalformedResponse, $"Upstream '{platformName}' sent an invalid response: {what}.");

    /// <summary>Creates the error for an answer, or a part of one, over the gateway's size cap.</summary>
    public static UpstreamError TooLarge(string platformName, string what) =>
        new(UpstreamErrorKind.ResponseTooLarge, $"Upstream '{platformName}' sent {what}; the gateway does not read it.");
}
