namespace Switchboard.Abstractions.Tenancy;

/// <summary>Asks the limit store for a slice of one scope's budget window (when <see cref="BudgetNanos"/> is set) or of its minute window, sized by what is left.</summary>
/// <remarks>
/// The store grants <c>min(left, max(minimum, left / Share))</c> of each limited resource in one atomic step, so a slice is
/// large while much is left and shrinks with the remainder. A budget slice is held by <see cref="Holder"/> until it is
/// settled or the holder is found dead; a minute slice lapses with its minute.
/// </remarks>
public sealed record LimitSliceAsk
{
    /// <summary>Gets the scope name (<c>key:42</c> or <c>user:abc</c>).</summary>
    public required string Scope { get; init; }

    /// <summary>Gets the process that will hold a budget slice, or null when it is not tracked.</summary>
    public string? Holder { get; init; }

    /// <summary>Gets when the slice is asked for, recorded on the holder's hold so a dead holder's slices age from it.</summary>
    public DateTimeOffset AskedAt { get; init; }

    /// <summary>Gets the start of the window the slice is taken from: the budget window for a budget slice, the minute otherwise.</summary>
    public DateTimeOffset WindowStart { get; init; }

    /// <summary>Gets the budget in nano-USD for a budget slice; null asks for a minute slice.</summary>
    public long? BudgetNanos { get; init; }

    /// <summary>Gets the requests-per-minute limit of a minute slice, or null.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Gets the tokens-per-minute limit of a minute slice, or null.</summary>
    public long? TokensPerMinute { get; init; }

    /// <summary>Gets the least nano-USD to ask for (a few worst-case requests), when that much is left.</summary>
    public long MinimumNanos { get; init; }

    /// <summary>Gets the least requests to ask for, when that many are left.</summary>
    public int MinimumRequests { get; init; }

    /// <summary>Gets the least tokens to ask for, when that many are left.</summary>
    public long MinimumTokens { get; init; }

    /// <summary>Gets the share of what is left a slice may take: one part in <see cref="Share"/>.</summary>
    public int Share { get; init; } = 1;
}
