namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads one bucket of the overview's series (empty buckets included): traffic, tokens, money and latency.</summary>
public sealed record OverviewBucket(
    DateTimeOffset Start,
    long Requests,
    long Errors,
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    decimal UserRevenue,
    decimal? ProviderCost,
    double? LatencyP50Ms,
    double? LatencyP95Ms,
    double? TtftP95Ms);
