using Switchboard.Abstractions.Configuration;

namespace Switchboard.PlatformKeys;

/// <summary>Describes a change of an upstream key's pool settings; a null member keeps the stored value.</summary>
public sealed record PlatformKeyUpdate
{
    /// <summary>Gets the new status: <see cref="ApiKeyStatus.Active"/> or <see cref="ApiKeyStatus.Disabled"/> (the others are the gateway's to set).</summary>
    public ApiKeyStatus? Status { get; init; }

    /// <summary>Gets the new weight within the pool, 1 to 1000.</summary>
    public int? Weight { get; init; }

    /// <summary>Gets the new priority within the pool (lower is tried first), -1000 to 1000.</summary>
    public int? Priority { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Label"/> replaces the stored label (null then clears it).</summary>
    public bool ChangesLabel { get; init; }

    /// <summary>Gets the new label, at most 200 characters, when <see cref="ChangesLabel"/> is set.</summary>
    public string? Label { get; init; }
}
