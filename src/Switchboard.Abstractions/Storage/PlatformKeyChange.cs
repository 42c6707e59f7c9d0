using Switchboard.Abstractions.Configuration;

namespace Switchboard.Abstractions.Storage;

/// <summary>Says what happens to a platform's stored keys in the same transaction as a change of the platform.</summary>
/// <remarks>Used when a base URL moves to a new host (see <see cref="KeyHostRule"/>): the old keys must be gone before any reader can see the new URL.</remarks>
public sealed record PlatformKeyChange
{
    /// <summary>Gets the change that leaves every key as it is.</summary>
    public static PlatformKeyChange None { get; } = new();

    /// <summary>Gets the owner's new keys, already sealed, which replace every key the owner has on the platform; null keeps them.</summary>
    public IReadOnlyList<ApiKeyConfig>? ReplaceOwnerKeys { get; init; }

    /// <summary>Gets a value indicating whether the keys other users brought for the platform are removed.</summary>
    public bool DropUsersKeys { get; init; }
}
