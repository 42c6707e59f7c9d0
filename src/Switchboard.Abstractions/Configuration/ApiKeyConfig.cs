namespace Switchboard.Abstractions.Configuration;

/// <summary>Describes one stored upstream credential of a platform.</summary>
/// <remarks><see cref="SealedValue"/> is the <c>ENC:v1:</c> sealed secret; the plain key is never stored.</remarks>
public sealed record ApiKeyConfig
{
    /// <summary>Gets the storage id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the platform the key belongs to.</summary>
    public long PlatformId { get; init; }

    /// <summary>Gets the owner: <see cref="SystemUser.Id"/> for server keys, a user id for a user's own key.</summary>
    public string OwnerUserId { get; init; } = SystemUser.Id;

    /// <summary>Gets a label for operators.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the sealed secret.</summary>
    public required string SealedValue { get; init; }

    /// <summary>Gets the masked form for display (<c>sk-a…1234</c>).</summary>
    public required string Masked { get; init; }

    /// <summary>Gets the routing weight within the key pool.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>Gets the priority within the pool; lower is tried first.</summary>
    public int Priority { get; init; }

    /// <summary>Gets the status.</summary>
    public ApiKeyStatus Status { get; init; } = ApiKeyStatus.Active;

    /// <summary>Gets the key's consumption quota, or null for none.</summary>
    public KeyQuotaConfig? Quota { get; init; }
}
