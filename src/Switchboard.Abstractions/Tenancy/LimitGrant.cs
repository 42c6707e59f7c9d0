namespace Switchboard.Abstractions.Tenancy;

/// <summary>What the limit store granted for a <see cref="LimitSliceAsk"/>: amounts now counted against the window, or which limit refused.</summary>
public sealed record LimitGrant
{
    /// <summary>Gets the nano-USD reserved for the holder (budget slices).</summary>
    public long Nanos { get; init; }

    /// <summary>Gets the requests counted on the minute (minute slices with a requests-per-minute limit).</summary>
    public int Requests { get; init; }

    /// <summary>Gets the tokens counted on the minute (minute slices with a tokens-per-minute limit).</summary>
    public long Tokens { get; init; }

    /// <summary>Gets a value indicating whether the nano-USD or tokens granted were cut to what was left, so the window has nothing more to give (the grant used it up).</summary>
    public bool Exhausted { get; init; }

    /// <summary>Gets the limit that refused (<c>budget</c>, <c>budget_reserved</c>, <c>rpm</c> or <c>tpm</c>), or null when the slice was granted.</summary>
    public string? Refused { get; init; }
}
