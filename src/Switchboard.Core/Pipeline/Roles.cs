namespace Switchboard.Core.Pipeline;

/// <summary>Names the caller roles.</summary>
public static class Roles
{
    /// <summary>Full access, admin routes included.</summary>
    public const string Admin = "admin";

    /// <summary>Model access only.</summary>
    public const string User = "user";
}
