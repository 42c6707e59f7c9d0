namespace Switchboard.Abstractions.Idempotency;

/// <summary>Holds what a claim on an idempotency key found.</summary>
/// <param name="Outcome">Whether the key was claimed, holds an answer, is in flight or belongs to another request.</param>
/// <param name="Response">The stored answer, for <see cref="IdempotencyOutcome.Replay"/>.</param>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, IdempotentResponse? Response = null)
{
    /// <summary>Gets the claim that lets the request run.</summary>
    public static IdempotencyClaim Claimed { get; } = new(IdempotencyOutcome.Claimed);

    /// <summary>Gets the claim of a key whose first request is still running.</summary>
    public static IdempotencyClaim InProgress { get; } = new(IdempotencyOutcome.InProgress);

    /// <summary>Gets the claim of a key that belongs to another request.</summary>
    public static IdempotencyClaim KeyReused { get; } = new(IdempotencyOutcome.KeyReused);
}
