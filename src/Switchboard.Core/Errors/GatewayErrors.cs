using Switchboard.Abstractions.Chat;

namespace Switchboard.Core.Errors;

/// <summary>Creates the gateway's documented errors and maps upstream failures onto them.</summary>
/// <remarks>The table here is the one README.md documents; change both together.</remarks>
public static class GatewayErrors
{
    /// <summary>Creates a 400 for a request the gateway cannot accept.</summary>
    public static GatewayError InvalidRequest(string message, string? param = null, string code = "invalid_request") =>
        new(400, "invalid_request_error", code, message) { Param = param };

    /// <summary>Creates a 401 for a missing or unknown key.</summary>
    public static GatewayError Unauthorized(string message = "Missing or invalid API key. Send it as 'Authorization: Bearer <key>'.") =>
        new(401, "authentication_error", "invalid_api_key", message);

    /// <summary>Creates a 403 for a known caller that may not do this.</summary>
    public static GatewayError Forbidden(string message) => new(403, "permission_error", "forbidden", message);

    /// <summary>Creates a 404 for an unknown model.</summary>
    public static GatewayError ModelNotFound(string model) =>
        new(404, "invalid_request_error", "model_not_found", $"The model '{model}' does not exist or you do not have access to it.") { Param = "model" };

    /// <summary>Creates a 404 for an unknown route or resource.</summary>
    public static GatewayError NotFound(string message) => new(404, "invalid_request_error", "not_found", message);

    /// <summary>Creates a 413 for a body over the size limit.</summary>
    public static GatewayError BodyTooLarge(long limit) =>
        new(413, "invalid_request_error", "request_too_large", $"The request body exceeds the limit of {limit} bytes.");

    /// <summary>Creates a 415 for a body that is not JSON.</summary>
    public static GatewayError UnsupportedMediaType(string? contentType) =>
        new(415, "invalid_request_error", "unsupported_media_type", $"Content-Type must be application/json (got '{contentType ?? "none"}').");

    /// <summary>Creates a 503 for a model with no usable source.</summary>
    public static GatewayError NoSource(string model, TimeSpan? retryAfter) =>
        new(503, "upstream_error", "no_available_source", $"No source for model '{model}' is available right now.") { RetryAfter = retryAfter };

    /// <summary>Creates a 403 for a model the caller's tier or key may not use.</summary>
    public static GatewayError ModelNotAllowed(string model, string reason) =>
        new(403, "permission_error", "model_not_allowed", $"The model '{model}' is not available to you: {reason}.") { Param = "model" };

    /// <summary>Creates a 403 when neither the user nor (under the rules in force) the server has a key for a platform.</summary>
    public static GatewayError NoApiKey(string platform) =>
        new(403, "permission_error", "no_api_key",
            $"No API key configured for platform '{platform}'. Save your own key for it, or ask an administrator to enable AutoKey for your tier.");

    /// <summary>Creates a 403 for a disabled user.</summary>
    public static GatewayError UserDisabled() => new(403, "permission_error", "user_disabled", "This user is disabled.");

    /// <summary>Creates a 404 for a usage slot the caller does not have.</summary>
    public static GatewayError SlotNotFound(string slot) =>
        new(404, "invalid_request_error", "slot_not_found", $"The usage slot '{slot}' does not exist.") { Param = "model" };

    /// <summary>Creates a 429 for a request a budget or rate limit refused.</summary>
    public static GatewayError LimitExceeded(string limit, string scope, TimeSpan? retryAfter) => limit switch
    {
        "budget" => new GatewayError(429, "insufficient_quota", "budget_exceeded", $"The spend budget of {scope} is used up for this period.") { RetryAfter = retryAfter },
        "budget_reserved" => new GatewayError(429, "rate_limit_error", "budget_reserved",
            $"What is left of the spend budget of {scope} is reserved by requests in flight; retry when they end.") { RetryAfter = retryAfter },
        "parallel" => new GatewayError(429, "rate_limit_error", "too_many_parallel_requests", $"Too many requests of {scope} are in flight at once.") { RetryAfter = retryAfter },
        "tpm" => new GatewayError(429, "rate_limit_error", "tokens_per_minute_exceeded", $"The tokens-per-minute limit of {scope} is reached.") { RetryAfter = retryAfter },
        _ => new GatewayError(429, "rate_limit_error", "requests_per_minute_exceeded", $"The requests-per-minute limit of {scope} is reached.") { RetryAfter = retryAfter },
    };

    /// <summary>Creates a 503 for a request with budgets or rate limits while the store that counts them cannot answer.</summary>
    public static GatewayError LimitsUnavailable(TimeSpan retryAfter) =>
        new(503, "server_error", "limits_unavailable",
            "Your budget and rate limits cannot be checked right now, so the request was not run. Try again shortly.") { RetryAfter = retryAfter };

    /// <summary>Creates a 500 for a bug; the message never carries exception details.</summary>
    public static GatewayError Internal(string requestId) =>
        new(500, "server_error", "internal_error", $"The gateway failed to handle the request (request id {requestId}).");

    /// <summary>Maps an upstream failure to the client-facing error, with secrets removed from the message.</summary>
    public static GatewayError FromUpstream(UpstreamError error, string platformName, string? secret)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = Redact(error.Message, secret);
        return error.Kind switch
        {
            UpstreamErrorKind.InvalidRequest => new GatewayError(400, "invalid_request_error", error.UpstreamCode ?? "upstream_invalid_request", message) { Param = error.Param },
            UpstreamErrorKind.ContentFiltered => new GatewayError(400, "invalid_request_error", "content_filter", message),
            UpstreamErrorKind.RequestTooLarge => new GatewayError(413, "invalid_request_error", "request_too_large", message),
            // The upstream's own wording may quote the key, so it is replaced, not redacted.
            UpstreamErrorKind.Authentication or UpstreamErrorKind.PermissionDenied => new GatewayError(502, "upstream_error", "upstream_auth_failed",
                $"Upstream '{platformName}' rejected the configured API key (HTTP {error.UpstreamStatus}). Check the key in the gateway's configuration."),
            UpstreamErrorKind.InsufficientQuota => new GatewayError(502, "upstream_error", "upstream_quota_exhausted",
                $"Upstream '{platformName}' reports the account has no quota or balance left (HTTP {error.UpstreamStatus})."),
            UpstreamErrorKind.NotFound => new GatewayError(502, "upstream_error", "upstream_not_found", message),
            UpstreamErrorKind.RateLimited => new GatewayError(429, "rate_limit_error", "rate_limit_exceeded", message) { RetryAfter = error.RetryAfter },
            UpstreamErrorKind.Overloaded => new GatewayError(503, "upstream_error", "upstream_overloaded", message) { RetryAfter = error.RetryAfter },
            UpstreamErrorKind.Timeout => new GatewayError(504, "timeout_error", "upstream_timeout", message),
            UpstreamErrorKind.Connection => new GatewayError(502, "upstream_error", "upstream_connection_failed", message),
            UpstreamErrorKind.MalformedResponse => new GatewayError(502, "upstream_error", "upstream_bad_response", message),
            UpstreamErrorKind.ResponseTooLarge => new GatewayError(502, "upstream_error", "upstream_response_too_large", message),
            UpstreamErrorKind.UnknownOutcome => new GatewayError(502, "upstream_error", "unknown_outcome", message),
            _ => new GatewayError(502, "upstream_error", "upstream_server_error", message),
        };
    }

    private static string Redact(string message, string? secret) =>
        string.IsNullOrEmpty(secret) || secret.Length < 4 ? message : message.Replace(secret, "[redacted]", StringComparison.Ordinal);
}
