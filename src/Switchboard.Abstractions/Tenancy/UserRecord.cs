namespace Switchboard.Abstractions.Tenancy;

/// <summary>Describes a user: an external id with a role, a tier, a status and optional limits.</summary>
public sealed record UserRecord
{
    /// <summary>Gets the external user id (for example <c>user_123</c> or a JWT <c>sub</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the role: <c>admin</c> or <c>user</c>.</summary>
    public string Role { get; init; } = "user";

    /// <summary>Gets the tier name (<c>free</c>, <c>pro</c> or a custom one).</summary>
    public string Tier { get; init; } = "free";

    /// <summary>Gets the status.</summary>
    public UserStatus Status { get; init; } = UserStatus.Active;

    /// <summary>Gets a display name, if any.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the user's budget and rate limits.</summary>
    public LimitSettings Limits { get; init; } = LimitSettings.None;

    /// <summary>Gets when the user was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the user was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
