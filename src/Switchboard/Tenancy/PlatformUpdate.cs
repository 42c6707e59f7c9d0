using Switchboard.Abstractions.Configuration;

namespace Switchboard.Tenancy;

/// <summary>Describes a stored platform change: the platform before and after, and what happened to its keys.</summary>
/// <param name="Before">The platform as it was.</param>
/// <param name="After">The platform as stored now.</param>
/// <param name="OwnerKeysBefore">The owner's keys before the change (sealed; show them by <see cref="ApiKeyConfig.Masked"/> only).</param>
/// <param name="OwnerKeysAfter">The owner's keys after the change (the same list when they were kept).</param>
/// <param name="UsersKeysDropped">Users' own keys removed because the platform moved to a new host.</param>
public sealed record PlatformUpdate(
    PlatformConfig Before,
    PlatformConfig After,
    IReadOnlyList<ApiKeyConfig> OwnerKeysBefore,
    IReadOnlyList<ApiKeyConfig> OwnerKeysAfter,
    IReadOnlyList<ApiKeyConfig> UsersKeysDropped);
