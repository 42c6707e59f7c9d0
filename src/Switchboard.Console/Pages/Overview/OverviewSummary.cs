namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads a period's totals: requests, errors, tokens, money (cost and margin for admins only) and latency percentiles.</summary>
public sealed record OverviewSummary(
    long Requests,
    long Errors,
    double ErrorRate,
    long PromptTokens,
    long CompletionTokens,
    long CachedTokens,
    long TotalTokens,
    decimal UserRevenue,
    decimal? ProviderCost,
    decimal? Margin,
    decimal? MarginPercent,
    Percentiles? LatencyMs,
    Percentiles? TtftMs);
