namespace Switchboard.Core.Routing;

/// <summary>Names a key's status as the admin API shows it (DESIGN: active / cooling / disabled / invalid).</summary>
public static class KeyStatuses
{
    /// <summary>The key takes traffic.</summary>
    public const string Active = "active";

    /// <summary>The key waits: the whole key (no quota, an account-wide limit, a used-up key quota) or every model it serves.</summary>
    public const string Cooling = "cooling";

    /// <summary>An admin disabled the key.</summary>
    public const string Disabled = "disabled";

    /// <summary>The provider refused the key itself; it is skipped until an admin revalidates or replaces it.</summary>
    public const string Invalid = "invalid";
}
