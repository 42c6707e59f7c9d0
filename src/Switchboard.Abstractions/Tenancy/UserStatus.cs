namespace Switchboard.Abstractions.Tenancy;

/// <summary>Says whether a user may call models.</summary>
public enum UserStatus
{
    /// <summary>The user may call models.</summary>
    Active,

    /// <summary>Every request of the user is refused.</summary>
    Disabled,
}
