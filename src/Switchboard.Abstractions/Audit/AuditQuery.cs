namespace Switchboard.Abstractions.Audit;

/// <summary>Filters audit entries; a null member does not filter. Results are newest first.</summary>
public sealed record AuditQuery
{
    /// <summary>The most entries one query may return.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Gets the actor to match exactly.</summary>
    public string? Actor { get; init; }

    /// <summary>Gets the action to match exactly.</summary>
    public string? Action { get; init; }

    /// <summary>Gets the target type to match exactly.</summary>
    public string? TargetType { get; init; }

    /// <summary>Gets the target id or name to match exactly.</summary>
    public string? Target { get; init; }

    /// <summary>Gets the earliest time, inclusive.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest time, exclusive.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the paging cursor: only entries with a smaller id are returned.</summary>
    public long? BeforeId { get; init; }

    /// <summary>Gets the most entries to return; capped at <see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
