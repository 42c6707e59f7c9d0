namespace Switchboard.Abstractions.Storage;

/// <summary>Describes one piece of routing's runtime state that replicas share: a cooldown, an invalid key or an ejected source.</summary>
/// <remarks>Never carries a secret: keys appear by id, and an invalid mark names the key version by a fingerprint of its sealed value.</remarks>
public sealed record RuntimeMark
{
    /// <summary>Gets the kind, one of <see cref="RuntimeMarkKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets what the mark is about: a key's state id (cooldowns, invalid keys) or a source's (ejections).</summary>
    public required long SubjectId { get; init; }

    /// <summary>Gets the upstream model of a (key, model) cooldown, or empty when the mark covers the whole key or source.</summary>
    public string Model { get; init; } = "";

    /// <summary>Gets when the mark ends; null for a mark that holds until it is cleared (an invalid key). A mark that ended clears the state it set.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets why the mark was set, for operators (an error kind and status, never an upstream message).</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the fingerprint of the key version an invalid mark is about, so a replaced key is not held to it.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Gets the replica that wrote the mark, for operators.</summary>
    public string Replica { get; init; } = "";

    /// <summary>Gets when the writing replica observed the failure behind an invalid mark, by its own clock; null for other marks.</summary>
    /// <remarks>An invalid mark written late (by a replica that was cut off) must not undo a revalidation made after it was observed.</remarks>
    public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>Gets when the mark was last written, by the database's clock; set by the store.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
