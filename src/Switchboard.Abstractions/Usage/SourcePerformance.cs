namespace Switchboard.Abstractions.Usage;

/// <summary>Describes how one source of one catalog model performed: request counts, latency and time to first token.</summary>
/// <remarks>Latency and time to first token count successful requests only, so fast failures do not flatter a source.</remarks>
public sealed record SourcePerformance
{
    /// <summary>Gets the catalog model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the platform.</summary>
    public string? Platform { get; init; }

    /// <summary>Gets the upstream model.</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>Gets the number of requests.</summary>
    public long Requests { get; init; }

    /// <summary>Gets the number of requests that did not succeed.</summary>
    public long Errors { get; init; }

    /// <summary>Gets the latency of successful requests, or null when there were none.</summary>
    public LatencyPercentiles? Latency { get; init; }

    /// <summary>Gets the time to first token of successful streams, or null when there were none.</summary>
    public LatencyPercentiles? TimeToFirstToken { get; init; }
}
