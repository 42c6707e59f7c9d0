namespace Switchboard.Abstractions.Idempotency;

/// <summary>Names what a claim on an idempotency key found.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is now held by this request, which runs.</summary>
    Claimed,

    /// <summary>The key holds a final answer for the same request, which is replayed.</summary>
    Replay,

    /// <summary>The same request holds the key and has not finished yet.</summary>
    InProgress,

    /// <summary>The key belongs to a request with another body or route.</summary>
    KeyReused,
}
