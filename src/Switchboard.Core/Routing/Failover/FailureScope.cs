namespace Switchboard.Core.Routing.Failover;

/// <summary>Says what a failed attempt blames; <see cref="FailoverPolicy"/> decides it.</summary>
internal enum FailureScope
{
    /// <summary>The request itself was at fault (400, 413, content filter); no state changes.</summary>
    None,

    /// <summary>The provider refused the key itself (401, or a 403 the provider says is about the whole key): the key is marked invalid for every model.</summary>
    InvalidKey,

    /// <summary>The key's whole account must wait (no quota or balance, or a rate limit the provider says is account-wide): the key cools for every model.</summary>
    Key,

    /// <summary>The key may not serve this model for a while (a 429, or a 403 about this model): the (key, model) pair cools; the key's other models carry on.</summary>
    KeyModel,

    /// <summary>The source failed (5xx, 529, connect, timeout, malformed answer): it counts toward the source's ejection.</summary>
    Source,
}
