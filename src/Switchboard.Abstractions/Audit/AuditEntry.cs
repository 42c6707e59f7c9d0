namespace Switchboard.Abstractions.Audit;

/// <summary>Records one change to the gateway's configuration: who made it, what it did to which target, and the target before and after.</summary>
/// <remarks><see cref="Before"/> and <see cref="After"/> are JSON text with every secret already masked; the recorder guarantees that, storage stores them as given.</remarks>
public sealed record AuditEntry
{
    /// <summary>Gets the storage id; ids grow with insertion, so they order entries and serve as the paging cursor.</summary>
    public long Id { get; init; }

    /// <summary>Gets when the change was recorded.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets who made the change: <c>admin</c> (the bootstrap key), <c>key:&lt;id&gt;</c> (a virtual key of no user) or <c>user:&lt;id&gt;</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>Gets the virtual key the actor authenticated with, if any.</summary>
    public long? VirtualKeyId { get; init; }

    /// <summary>Gets what was done, as <c>target_type.verb</c> (e.g. <c>virtual_key.create</c>).</summary>
    public required string Action { get; init; }

    /// <summary>Gets the kind of thing changed (e.g. <c>platform</c>).</summary>
    public required string TargetType { get; init; }

    /// <summary>Gets the changed thing's id or name.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the id of the request that made the change (its <c>X-Request-Id</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the target before the change as masked JSON, or null when it did not exist.</summary>
    public string? Before { get; init; }

    /// <summary>Gets the target after the change as masked JSON, or null when it no longer exists.</summary>
    public string? After { get; init; }
}
