namespace Switchboard.Abstractions.Tenancy;

/// <summary>Holds the limits of a user or a virtual key; a null member means "no limit".</summary>
public sealed record LimitSettings
{
    /// <summary>Gets settings without any limit.</summary>
    public static LimitSettings None { get; } = new();

    /// <summary>Gets the spend budget in USD per <see cref="BudgetPeriod"/>, priced at the user price.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Gets the window the budget counts over.</summary>
    public BudgetPeriod BudgetPeriod { get; init; } = BudgetPeriod.Month;

    /// <summary>Gets the most requests per minute.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Gets the most tokens (input plus output) per minute.</summary>
    public long? TokensPerMinute { get; init; }

    /// <summary>Gets the most requests in flight at once.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>Gets a value indicating whether any limit is set.</summary>
    public bool Any => Budget is not null || RequestsPerMinute is not null || TokensPerMinute is not null || MaxParallel is not null;
}
