using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Abstractions.Configuration;

/// <summary>Describes a stored virtual API key. Only its SHA-256 hash and a display prefix are kept.</summary>
public sealed record VirtualKeyRecord
{
    /// <summary>Gets the storage id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the lowercase hex SHA-256 of the full key.</summary>
    public required string Hash { get; init; }

    /// <summary>Gets the masked display form.</summary>
    public required string Masked { get; init; }

    /// <summary>Gets a name for the owner's reference.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the user the key acts as.</summary>
    public string UserId { get; init; } = SystemUser.Id;

    /// <summary>Gets the role granted: <c>admin</c> or <c>user</c>.</summary>
    public string Role { get; init; } = "user";

    /// <summary>Gets when the key was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the key stops working, if ever.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets when the key was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Gets the catalog model ids (or <c>Platform/Model</c> addresses) the key may call; empty means every model its user may use.</summary>
    public IReadOnlyList<string> AllowedModels { get; init; } = [];

    /// <summary>Gets how long the response cache keeps the answers of requests made with this key, in seconds, or null when the key does not opt in.</summary>
    public int? CacheTtlSeconds { get; init; }

    /// <summary>Gets the key's own budget and rate limits (the user's apply too).</summary>
    public LimitSettings Limits { get; init; } = LimitSettings.None;
}
