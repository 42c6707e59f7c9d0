using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Abstractions.Configuration;

/// <summary>Describes how much one upstream key may consume per calendar period: tokens, provider cost, or both.</summary>
/// <remarks>
/// When either limit is reached the key is skipped until the period rolls over (UTC calendar windows, as budgets use).
/// Consumption is counted in the database, so replicas sharing it see the same total.
/// </remarks>
public sealed record KeyQuotaConfig
{
    /// <summary>Gets the most tokens (input plus output) per period, or null for no token limit.</summary>
    public long? Tokens { get; init; }

    /// <summary>Gets the most provider cost (USD, at the platform model's prices) per period, or null for no cost limit.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets the period the limits count over: <see cref="BudgetPeriod.Day"/>, <see cref="BudgetPeriod.Week"/> or <see cref="BudgetPeriod.Month"/>.</summary>
    public BudgetPeriod Period { get; init; } = BudgetPeriod.Month;

    /// <summary>Gets a value indicating whether any limit is set.</summary>
    public bool Any => Tokens is not null || Cost is not null;
}
