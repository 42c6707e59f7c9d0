namespace Switchboard.Abstractions.Configuration;

/// <summary>Holds the id of the system user, which stands for "no user".</summary>
public static class SystemUser
{
    /// <summary>The system user id.</summary>
    public const string Id = "-1";
}
