using Switchboard.Abstractions.Chat;

namespace Switchboard.Core.Routing.Health;

/// <summary>Maps vendor-neutral error kinds to what they blame.</summary>
internal static class FailureScopes
{
    /// <summary>Returns what a failure of <paramref name="kind"/> blames.</summary>
    public static FailureScope Classify(UpstreamErrorKind kind) => kind switch
    {
        UpstreamErrorKind.RateLimited => FailureScope.RateLimit,
        UpstreamErrorKind.Authentication or UpstreamErrorKind.PermissionDenied or UpstreamErrorKind.InsufficientQuota => FailureScope.Key,
        UpstreamErrorKind.ServerError or UpstreamErrorKind.Overloaded or UpstreamErrorKind.Timeout
            or UpstreamErrorKind.Connection or UpstreamErrorKind.UnknownOutcome or UpstreamErrorKind.MalformedResponse => FailureScope.Source,
        _ => FailureScope.None,
    };
}
