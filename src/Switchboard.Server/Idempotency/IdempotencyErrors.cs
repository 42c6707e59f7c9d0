using System.Globalization;
using Switchboard.Core.Errors;

namespace Switchboard.Server.Idempotency;

/// <summary>Creates the errors an <c>Idempotency-Key</c> can cause, in the OpenAI error shape.</summary>
internal static class IdempotencyErrors
{
    /// <summary>Creates the 400 for a key that is empty, too long, repeated or not printable ASCII.</summary>
    public static GatewayError InvalidKey() => GatewayErrors.InvalidRequest(
        string.Create(CultureInfo.InvariantCulture, $"'{IdempotencyRules.HeaderName}' must be one value of 1 to {IdempotencyRules.MaxKeyLength} printable ASCII characters."),
        IdempotencyRules.HeaderName,
        "invalid_idempotency_key");

    /// <summary>Creates the 409 for a key that belongs to a request with another body or route.</summary>
    public static GatewayError KeyReused() => new(409, "invalid_request_error", "idempotency_key_reused",
        "This Idempotency-Key was already used with a different request body or route; send a new key for a new request.")
    { Param = IdempotencyRules.HeaderName };

    /// <summary>Creates the 409 for a repeat that arrives while the first request with the key is still running.</summary>
    public static GatewayError InProgress() => new(409, "invalid_request_error", "idempotency_in_progress",
        "A request with this Idempotency-Key is still being processed; retry after it completes to receive its answer.")
    { Param = IdempotencyRules.HeaderName, RetryAfter = TimeSpan.FromSeconds(1) };

    /// <summary>Creates the 409 for a repeat whose first answer was too large to keep: the request ran once and is not run again.</summary>
    public static GatewayError NotStored(int status) => new(409, "invalid_request_error", "idempotency_response_not_stored",
        string.Create(CultureInfo.InvariantCulture, $"The request with this Idempotency-Key already completed with status {status}, but its answer was too large to keep for replay; send a new key to run it again."))
    { Param = IdempotencyRules.HeaderName };

    /// <summary>Creates the 503 for a key store that did not answer in time; nothing ran, so the client may retry.</summary>
    public static GatewayError Unavailable() => new(503, "server_error", "idempotency_unavailable",
        "The idempotency key store did not answer in time; the request was not run. Retry with the same key.")
    { RetryAfter = TimeSpan.FromSeconds(1) };
}
