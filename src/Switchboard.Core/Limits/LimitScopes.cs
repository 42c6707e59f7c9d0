namespace Switchboard.Core.Limits;

/// <summary>Names the scopes limits are counted under: one per virtual key and one per user.</summary>
public static class LimitScopes
{
    /// <summary>The prefix of every virtual key's scope.</summary>
    public const string KeyPrefix = "key:";

    /// <summary>The prefix of every user's scope.</summary>
    public const string UserPrefix = "user:";

    /// <summary>Returns the scope of a virtual key.</summary>
    public static string Key(long? keyId) => $"{KeyPrefix}{keyId}";

    /// <summary>Returns the scope of a user.</summary>
    public static string User(string userId) => UserPrefix + userId;
}
