namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads summed usage: requests, errors, tokens, money (provider cost for admins only) and mean latency.</summary>
public sealed record UsageTotals(
    long Requests,
    long Errors,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    long CacheWriteTokens,
    long ReasoningTokens,
    long TotalTokens,
    decimal UserPrice,
    decimal? ProviderCost,
    double AvgLatencyMs)
{
    /// <summary>Gets the share of requests that did not succeed, 0 without requests.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}
