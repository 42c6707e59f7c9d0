using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Pipeline;

/// <summary>Says who is calling: the user, the virtual key that authenticated them, and their role.</summary>
public sealed record CallerIdentity(string UserId, long? VirtualKeyId, string Role)
{
    /// <summary>Gets the identity of the bootstrap admin key and of embedded calls: the system user with the admin role.</summary>
    public static CallerIdentity SystemAdmin { get; } = new(SystemUser.Id, null, Roles.Admin);

    /// <summary>Gets the tier a signed token claimed, used until the user is provisioned; null otherwise.</summary>
    public string? ClaimedTier { get; init; }

    /// <summary>Gets the response-cache lifetime the caller's virtual key opted in with, or null.</summary>
    public TimeSpan? CacheTtl { get; init; }

    /// <summary>Gets a value indicating whether the caller may use admin routes.</summary>
    public bool IsAdmin => Role == Roles.Admin;
}
