namespace Switchboard.Abstractions.Tenancy;

/// <summary>What one request charges to one scope (<c>key:42</c> or <c>user:abc</c>) at admission.</summary>
public sealed record LimitCharge
{
    /// <summary>Gets the scope name.</summary>
    public required string Scope { get; init; }

    /// <summary>Gets the start of the budget window (calendar aligned; <see cref="DateTimeOffset.UnixEpoch"/> for a total budget).</summary>
    public DateTimeOffset BudgetWindowStart { get; init; }

    /// <summary>Gets the budget in nano-USD, or null for no budget.</summary>
    public long? BudgetNanos { get; init; }

    /// <summary>Gets the amount to reserve in nano-USD (an upper bound of the request's price).</summary>
    public long ReserveNanos { get; init; }

    /// <summary>Gets the start of the current minute window.</summary>
    public DateTimeOffset MinuteWindowStart { get; init; }

    /// <summary>Gets the requests-per-minute limit, or null.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Gets the tokens-per-minute limit, or null. A request is admitted while the minute's tokens (used and reserved) are below it.</summary>
    public long? TokensPerMinute { get; init; }

    /// <summary>Gets the process that holds the reservation (see <see cref="Storage.ILimitStore.ReleaseAbandonedHoldsAsync"/>), or null when it is not tracked.</summary>
    public string? Holder { get; init; }

    /// <summary>Gets the tokens to reserve on the minute counter when <see cref="TokensPerMinute"/> is set (an upper bound of the request's tokens), so concurrent requests see each other.</summary>
    public long ReserveTokens { get; init; }
}
