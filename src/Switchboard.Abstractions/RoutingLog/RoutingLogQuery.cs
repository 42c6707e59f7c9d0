namespace Switchboard.Abstractions.RoutingLog;

/// <summary>Filters routing log entries; a null member does not filter. Results are newest first.</summary>
public sealed record RoutingLogQuery
{
    /// <summary>The most entries one query may return.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Gets the catalog model to match exactly.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the final status to match exactly.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the request id to match exactly.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the earliest start time, inclusive.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest start time, exclusive.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the most entries to return; capped at <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
