namespace Switchboard.Abstractions.Tenancy;

/// <summary>Settles one admitted charge: the reservation is released and the actual spend and tokens are added.</summary>
public sealed record LimitSettlement
{
    /// <summary>Gets the scope name.</summary>
    public required string Scope { get; init; }

    /// <summary>Gets the budget window the reservation was made in.</summary>
    public DateTimeOffset BudgetWindowStart { get; init; }

    /// <summary>Gets the reserved amount to release, in nano-USD.</summary>
    public long ReservedNanos { get; init; }

    /// <summary>Gets the actual price, in nano-USD.</summary>
    public long SpentNanos { get; init; }

    /// <summary>Gets the minute window the request was admitted in.</summary>
    public DateTimeOffset MinuteWindowStart { get; init; }

    /// <summary>Gets the process that held the reservation, whose hold shrinks by <see cref="ReservedNanos"/>; null when it was not tracked.</summary>
    public string? Holder { get; init; }

    /// <summary>Gets the tokens the request used.</summary>
    public long Tokens { get; init; }

    /// <summary>Gets the tokens reserved on the minute counter at admission, released as <see cref="Tokens"/> is added.</summary>
    public long ReservedTokens { get; init; }

    /// <summary>Gets the requests to count now: 1 for a request admitted while the counters could not be reached, whose admission was never counted; negative when a replica gives back the unused requests of its minute slice; otherwise 0.</summary>
    /// <remarks>A settlement that counts a request creates the counter rows it needs; other settlements leave absent rows alone.</remarks>
    public int Requests { get; init; }
}
