namespace Switchboard.Simulator;

/// <summary>Scripts one simulated source: price, speed, capacity, per-key rate limit, background failures and episodes.</summary>
internal sealed record SourceProfile
{
    public required string Name { get; init; }

    public decimal InputPrice { get; init; }

    public decimal OutputPrice { get; init; }

    public int Weight { get; init; } = 1;

    public int Keys { get; init; } = 1;

    /// <summary>Gets the median time to first byte when idle, in milliseconds.</summary>
    public double BaseLatencyMs { get; init; }

    /// <summary>Gets the concurrency at which latency doubles (queueing at the provider).</summary>
    public double Capacity { get; init; }

    /// <summary>Gets the requests per second one key may make before 429s.</summary>
    public int KeyRateLimitPerSecond { get; init; }

    /// <summary>Gets the share of calls that fail with a 500 outside episodes.</summary>
    public double BackgroundFailureRate { get; init; }

    /// <summary>Gets a value indicating whether the source refuses every connection.</summary>
    public bool Dead { get; init; }

    public IReadOnlyList<Episode> Episodes { get; init; } = [];
}
