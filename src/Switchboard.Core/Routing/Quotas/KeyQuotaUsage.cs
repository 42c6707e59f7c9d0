using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Core.Routing.Quotas;

/// <summary>Describes how much of its quota one upstream key has used in the current window.</summary>
/// <param name="KeyId">The key's storage id.</param>
/// <param name="Period">The period the quota counts over.</param>
/// <param name="WindowStart">The start of the current window (UTC).</param>
/// <param name="WindowEnd">When the window rolls over (UTC).</param>
/// <param name="TokensUsed">The tokens used in the window.</param>
/// <param name="TokenLimit">The token limit, or null.</param>
/// <param name="CostUsed">The provider cost used in the window, in USD.</param>
/// <param name="CostLimit">The cost limit in USD, or null.</param>
public sealed record KeyQuotaUsage(
    long KeyId, BudgetPeriod Period, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, long TokensUsed, long? TokenLimit, decimal CostUsed, decimal? CostLimit)
{
    /// <summary>Gets the larger used share of the two limits, from 0 (nothing used) upwards; 1 or more means used up.</summary>
    public double UsedFraction => Math.Max(
        TokenLimit is { } tokens ? (tokens <= 0 ? 1 : (double)TokensUsed / tokens) : 0,
        CostLimit is { } cost ? (cost <= 0 ? 1 : (double)(CostUsed / cost)) : 0);

    /// <summary>Gets a value indicating whether a limit is reached, so the key is skipped until <see cref="WindowEnd"/>.</summary>
    public bool Exhausted => (TokenLimit is { } tokens && TokensUsed >= tokens) || (CostLimit is { } cost && CostUsed >= cost);
}
