namespace Switchboard.Console.Session;

/// <summary>Names how a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    /// <summary>The key is an admin key.</summary>
    Admin,

    /// <summary>The key is valid and acts as a user: only user pages are shown.</summary>
    User,

    /// <summary>The gateway refused the key.</summary>
    InvalidKey,

    /// <summary>The gateway answered with another error, or could not be reached.</summary>
    Failed,
}
