namespace Switchboard.Core.Routing.Failover;

/// <summary>Says where a request goes after a failed attempt; <see cref="FailoverPolicy.Classify"/> decides it.</summary>
internal enum FailoverAction
{
    /// <summary>No other attempt: the failure follows from the request itself, or the upstream may already have processed (and billed) it.</summary>
    Stop,

    /// <summary>Try the same source with its next available key: the failure is tied to the key (401, 403, 402, 429) or to nothing (an answer over the size cap).</summary>
    NextKey,

    /// <summary>Leave the source for the next one: the source itself failed (5xx, 529, timeout, connection, malformed answer).</summary>
    NextSource,
}
