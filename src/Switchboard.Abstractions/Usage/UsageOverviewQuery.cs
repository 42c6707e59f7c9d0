namespace Switchboard.Abstractions.Usage;

/// <summary>Selects the records of a usage overview and says how to cut them: the bucket width, where days start, how many top groups.</summary>
/// <param name="Range">The time range (half-open) and, optionally, the one user whose records count.</param>
/// <param name="Bucket">The width of one timeline bucket; at least a minute.</param>
/// <param name="UtcOffset">The offset of the local time buckets are aligned to, so a day bucket starts at local midnight.</param>
/// <param name="Top">How many groups each top list holds, from 1 to <see cref="MaxTop"/>.</param>
public sealed record UsageOverviewQuery(UsageQuery Range, TimeSpan Bucket, TimeSpan UtcOffset, int Top)
{
    /// <summary>The most groups a top list holds.</summary>
    public const int MaxTop = 50;

    /// <summary>The most buckets one timeline holds.</summary>
    public const int MaxBuckets = 1000;
}
