namespace Switchboard.Abstractions.Tenancy;

/// <summary>Holds the tenancy part of the stored configuration: users, their slots and their hide flags.</summary>
public sealed record TenancyData
{
    /// <summary>Gets empty tenancy data.</summary>
    public static TenancyData Empty { get; } = new();

    /// <summary>Gets the users.</summary>
    public IReadOnlyList<UserRecord> Users { get; init; } = [];

    /// <summary>Gets every usage slot of every user.</summary>
    public IReadOnlyList<UsageSlotRecord> Slots { get; init; } = [];

    /// <summary>Gets the platforms users hid.</summary>
    public IReadOnlyList<PlatformVisibilityRecord> Visibility { get; init; } = [];
}
