namespace Switchboard.Abstractions.Tenancy;

/// <summary>Holds what one upstream key consumed in one quota window: an amount to add, or the window's total.</summary>
/// <param name="KeyId">The key's storage id.</param>
/// <param name="WindowStart">The start of the quota window (calendar aligned, UTC).</param>
/// <param name="Tokens">The tokens (input plus output).</param>
/// <param name="CostNanos">The provider cost in nano-USD.</param>
public readonly record struct KeyUsage(long KeyId, DateTimeOffset WindowStart, long Tokens, long CostNanos);
