using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.Anthropic;

/// <summary>Classifies Anthropic error types (<c>error.type</c>) and refines errors the shared factory built from a status.</summary>
internal static class AnthropicErrors
{
    public static UpstreamErrorKind KindOf(ReadOnlySpan<byte> errorType) => errorType switch
    {
        _ when errorType.SequenceEqual("invalid_request_error"u8) => UpstreamErrorKind.InvalidRequest,
        _ when errorType.SequenceEqual("authentication_error"u8) => UpstreamErrorKind.Authentication,
        _ when errorType.SequenceEqual("billing_error"u8) => UpstreamErrorKind.InsufficientQuota,
        _ when errorType.SequenceEqual("permission_error"u8) => UpstreamErrorKind.PermissionDenied,
        _ when errorType.SequenceEqual("not_found_error"u8) => UpstreamErrorKind.NotFound,
        _ when errorType.SequenceEqual("request_too_large"u8) => UpstreamErrorKind.RequestTooLarge,
        _ when errorType.SequenceEqual("rate_limit_error"u8) => UpstreamErrorKind.RateLimited,
        _ when errorType.SequenceEqual("timeout_error"u8) => UpstreamErrorKind.Timeout,
        _ when errorType.SequenceEqual("overloaded_error"u8) => UpstreamErrorKind.Overloaded,
        _ => UpstreamErrorKind.ServerError,
    };

    /// <summary>Refines an HTTP error where Anthropic's body says more than its status (the <see cref="Http.UpstreamSender"/> hook).</summary>
    public static UpstreamError Refine(UpstreamError error, byte[] body)
    {
        if (error.UpstreamCode == "billing_error" && error.Kind != UpstreamErrorKind.InsufficientQuota)
        {
            return error with { Kind = UpstreamErrorKind.InsufficientQuota };
        }

        // An empty balance comes back as a plain 400 invalid_request_error; it is the key's problem, not the
        // request's, so another key may succeed.
        if (error.Kind == UpstreamErrorKind.InvalidRequest
            && error.Message.Contains("credit balance is too low", StringComparison.OrdinalIgnoreCase))
        {
            return error with { Kind = UpstreamErrorKind.InsufficientQuota };
        }

        // A monthly spend limit also answers 429 (error.details.error_code), but waiting will not clear it.
        if (error.Kind == UpstreamErrorKind.RateLimited && body.AsSpan().IndexOf("enforced_spend_limit_reached"u8) >= 0)
        {
            return error with { Kind = UpstreamErrorKind.InsufficientQuota };
        }

        return error;
    }
}
