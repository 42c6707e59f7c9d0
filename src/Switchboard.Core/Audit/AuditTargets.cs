namespace Switchboard.Core.Audit;

/// <summary>Names the kinds of things the audit log records changes to.</summary>
public static class AuditTargets
{
    /// <summary>A virtual key, by id.</summary>
    public const string VirtualKey = "virtual_key";

    /// <summary>A platform, by id.</summary>
    public const string Platform = "platform";

    /// <summary>An upstream key of a pool, by id.</summary>
    public const string PlatformKey = "platform_key";

    /// <summary>A platform model, by id.</summary>
    public const string PlatformModel = "platform_model";

    /// <summary>A catalog model, by id.</summary>
    public const string CatalogModel = "catalog_model";

    /// <summary>The catalog as a whole (a sync).</summary>
    public const string Catalog = "catalog";

    /// <summary>A tier rule, by tier name.</summary>
    public const string Tier = "tier";

    /// <summary>A user, by id.</summary>
    public const string User = "user";

    /// <summary>A usage slot, as <c>user/slot</c>.</summary>
    public const string Slot = "slot";

    /// <summary>The tenancy settings.</summary>
    public const string Tenancy = "tenancy";

    /// <summary>Provider prices.</summary>
    public const string Prices = "prices";

    /// <summary>The configuration as a whole (reloads and the platforms-file reset).</summary>
    public const string Config = "config";
}
