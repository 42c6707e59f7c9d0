namespace Switchboard.Abstractions.Idempotency;

/// <summary>Asks to claim an idempotency key for one request.</summary>
/// <param name="Scope">Whose key it is: keys of different callers never meet.</param>
/// <param name="Key">The client's <c>Idempotency-Key</c>.</param>
/// <param name="RequestHash">A hash of the request (route and body); the same key with another hash is a different request.</param>
/// <param name="ClaimToken">A random token naming this claim, so only its holder completes or releases it.</param>
/// <param name="Now">The current time.</param>
/// <param name="InFlightUntil">When the claim counts as abandoned if its request has not finished (a crashed replica).</param>
/// <param name="ExpiresAt">When the key and its answer are forgotten.</param>
public sealed record IdempotencyClaimRequest(
    string Scope,
    string Key,
    string RequestHash,
    string ClaimToken,
    DateTimeOffset Now,
    DateTimeOffset InFlightUntil,
    DateTimeOffset ExpiresAt);
