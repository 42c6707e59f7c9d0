namespace Switchboard.Abstractions.Chat;

/// <summary>Classifies an upstream failure independently of the vendor that produced it.</summary>
public enum UpstreamErrorKind
{
    /// <summary>The request was malformed or not acceptable to the upstream (400, 422).</summary>
    InvalidRequest,

    /// <summary>The upstream rejected the credential (401).</summary>
    Authentication,

    /// <summary>The credential lacks permission for the resource (403).</summary>
    PermissionDenied,

    /// <summary>The account has no balance or credits left (402, quota exhausted).</summary>
    InsufficientQuota,

    /// <summary>The upstream does not know the model or path (404).</summary>
    NotFound,

    /// <summary>The request body was too large for the upstream (413).</summary>
    RequestTooLarge,

    /// <summary>The upstream asked us to slow down (429).</summary>
    RateLimited,

    /// <summary>The upstream failed internally (500, 502).</summary>
    ServerError,

    /// <summary>The upstream is overloaded or unavailable (503, 529).</summary>
    Overloaded,

    /// <summary>The upstream did not answer in time (504, time to first byte, idle gap).</summary>
    Timeout,

    /// <summary>The connection could not be made or was reset.</summary>
    Connection,

    /// <summary>The upstream answered with something that does not follow its protocol.</summary>
    MalformedResponse,

    /// <summary>The upstream refused the content (moderation, safety filter).</summary>
    ContentFiltered,

    /// <summary>The upstream's answer (a non-streamed body, or one line or event of a stream) was larger than the gateway reads.</summary>
    ResponseTooLarge,

    /// <summary>The connection was lost after the whole request was sent: the upstream may have processed (and billed) it.</summary>
    UnknownOutcome,
}
