namespace Switchboard.Abstractions.Usage;

/// <summary>Selects raw usage records to list, newest first; a null member does not filter.</summary>
/// <remarks>Only raw records are listed: requests older than the raw retention live on in hourly rollups, which hold no single request.</remarks>
public sealed record UsageRecordQuery
{
    /// <summary>The most records one query may return.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Gets the earliest request time, inclusive.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest request time, exclusive.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets the user to match exactly.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the model to match: the catalog model a record resolved to, or the model it asked for when it resolved to none.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the outcome to match (<c>success</c>, <c>error</c> or <c>cancelled</c>).</summary>
    public string? Status { get; init; }

    /// <summary>Gets the upstream key (of the final attempt) to match.</summary>
    public long? KeyId { get; init; }

    /// <summary>Gets the virtual key to match.</summary>
    public long? VirtualKeyId { get; init; }

    /// <summary>Gets the platform (of the final attempt) to match.</summary>
    public string? Platform { get; init; }

    /// <summary>Gets the client protocol to match (<see cref="UsageRecord.Protocol"/>).</summary>
    public string? Protocol { get; init; }

    /// <summary>Gets the paging cursor: only records after it in newest-first order are returned.</summary>
    public UsageRecordCursor? Before { get; init; }

    /// <summary>Gets the most records to return; clamped to 1..<see cref="MaxLimit"/>.</summary>
    public int Limit { get; init; } = 100;
}
