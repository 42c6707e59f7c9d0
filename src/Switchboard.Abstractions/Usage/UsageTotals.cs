namespace Switchboard.Abstractions.Usage;

/// <summary>Sums usage over a set of records: requests, tokens, money and latency.</summary>
/// <remarks>Money is exact <see cref="decimal"/>; <see cref="ProviderCost"/> is what providers charge and <see cref="UserPrice"/> what users are charged.</remarks>
public sealed record UsageTotals
{
    /// <summary>Gets the empty totals.</summary>
    public static UsageTotals Empty { get; } = new();

    /// <summary>Gets the number of requests.</summary>
    public long Requests { get; init; }

    /// <summary>Gets the number of requests that did not succeed.</summary>
    public long Errors { get; init; }

    /// <summary>Gets the input tokens (cached ones included).</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens (reasoning ones included).</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the cached input tokens.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Gets the cache write tokens.</summary>
    public long CacheWriteTokens { get; init; }

    /// <summary>Gets the reasoning tokens.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Gets the provider cost.</summary>
    public decimal ProviderCost { get; init; }

    /// <summary>Gets the user price (revenue).</summary>
    public decimal UserPrice { get; init; }

    /// <summary>Gets the sum of request latencies in milliseconds.</summary>
    public double TotalLatencyMs { get; init; }

    /// <summary>Gets input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Gets the user price minus the provider cost.</summary>
    public decimal Margin => UserPrice - ProviderCost;

    /// <summary>Adds two totals.</summary>
    public UsageTotals Add(UsageTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new UsageTotals
        {
            Requests = Requests + other.Requests,
            Errors = Errors + other.Errors,
            InputTokens = InputTokens + other.InputTokens,
            OutputTokens = OutputTokens + other.OutputTokens,
            CachedInputTokens = CachedInputTokens + other.CachedInputTokens,
            CacheWriteTokens = CacheWriteTokens + other.CacheWriteTokens,
            ReasoningTokens = ReasoningTokens + other.ReasoningTokens,
            ProviderCost = ProviderCost + other.ProviderCost,
            UserPrice = UserPrice + other.UserPrice,
            TotalLatencyMs = TotalLatencyMs + other.TotalLatencyMs,
        };
    }
}
