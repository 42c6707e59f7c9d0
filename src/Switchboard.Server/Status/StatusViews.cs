using Switchboard.Abstractions.Usage;
using Switchboard.Server.Status.Views;

namespace Switchboard.Server.Status;

/// <summary>Maps usage results to the status routes' JSON views.</summary>
internal static class StatusViews
{
    public static UsageTotalsView Totals(UsageTotals totals, bool showCost) => new(
        totals.Requests,
        totals.Errors,
        totals.InputTokens,
        totals.OutputTokens,
        totals.CachedInputTokens,
        totals.CacheWriteTokens,
        totals.ReasoningTokens,
        totals.TotalTokens,
        totals.UserPrice,
        showCost ? totals.ProviderCost : null,
        totals.Requests == 0 ? 0 : Math.Round(totals.TotalLatencyMs / totals.Requests, 3));

    public static CostLineView Cost(string? key, UsageTotals totals) => new(
        key,
        totals.Requests,
        totals.InputTokens,
        totals.OutputTokens,
        totals.CachedInputTokens,
        totals.CacheWriteTokens,
        totals.UserPrice,
        totals.ProviderCost,
        totals.Margin,
        totals.UserPrice == 0 ? null : Math.Round(totals.Margin / totals.UserPrice * 100m, 4));

    public static PercentilesView? Percentiles(LatencyPercentiles? value) =>
        value is null ? null : new PercentilesView(value.P50, value.P95, value.P99, Math.Round(value.Average, 3), value.Count);

    /// <summary>Names a key pool's status: unavailable when every key is unusable, degraded when some are, else healthy.</summary>
    public static string PoolStatus(int keys, int unusable) =>
        keys > 0 && unusable == keys ? "unavailable" : unusable > 0 ? "degraded" : "healthy";

    public static UsageTotals Sum(IEnumerable<UsageGroup> groups) =>
        groups.Aggregate(UsageTotals.Empty, (total, group) => total.Add(group.Totals));
}
