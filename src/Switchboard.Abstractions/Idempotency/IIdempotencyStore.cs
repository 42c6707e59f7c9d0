namespace Switchboard.Abstractions.Idempotency;

/// <summary>Keeps idempotency keys and the answers they stand for, shared by every replica on one database.</summary>
/// <remarks>
/// A key is claimed with one atomic insert, so of two replicas racing on the same key exactly one wins; the other sees the
/// claim. Implementations are singletons and thread-safe; every call is one short transaction.
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>Claims a key for a request, or returns what the key already holds: a stored answer, a claim in flight, or another request's body.</summary>
    /// <remarks>A claim whose in-flight bound has passed (its holder crashed) or whose retention has ended is taken over.</remarks>
    Task<IdempotencyClaim> ClaimAsync(IdempotencyClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Stores the final answer of a claimed key; a claim taken over by someone else is left alone. Returns whether the answer was stored.</summary>
    Task<bool> CompleteAsync(string scope, string key, string claimToken, IdempotentResponse response, CancellationToken cancellationToken);

    /// <summary>Deletes a claim whose request ended without a final answer, so the client may retry with the same key.</summary>
    Task<bool> ReleaseAsync(string scope, string key, string claimToken, CancellationToken cancellationToken);

    /// <summary>Deletes every key whose retention ended before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
