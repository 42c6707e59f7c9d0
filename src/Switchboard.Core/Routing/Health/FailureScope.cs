namespace Switchboard.Core.Routing.Health;

/// <summary>Says what a failed attempt blames: nothing, the key, the key's rate limit, or the source.</summary>
internal enum FailureScope
{
    /// <summary>The request itself was at fault (400, 413, content filter); health does not change.</summary>
    None,

    /// <summary>The key was rejected (401, 403, no quota): that key cools, the platform does not.</summary>
    Key,

    /// <summary>The key hit a rate limit (429): that key cools for the upstream's Retry-After.</summary>
    RateLimit,

    /// <summary>The source failed (5xx, 529, connect, timeout, malformed answer): it counts toward ejection.</summary>
    Source,
}
