namespace Switchboard.Core.Audit;

/// <summary>Names every action the audit log records, as <c>target_type.verb</c>.</summary>
public static class AuditActions
{
    /// <summary>A virtual key was created (its full value is never recorded).</summary>
    public const string VirtualKeyCreate = "virtual_key.create";

    /// <summary>A virtual key's name, expiry, allowlist or limits changed.</summary>
    public const string VirtualKeyUpdate = "virtual_key.update";

    /// <summary>A virtual key was revoked.</summary>
    public const string VirtualKeyRevoke = "virtual_key.revoke";

    /// <summary>A platform (system or private) was created.</summary>
    public const string PlatformCreate = "platform.create";

    /// <summary>A platform changed (and, on a new host, its keys).</summary>
    public const string PlatformUpdate = "platform.update";

    /// <summary>A platform was deleted with its models and keys.</summary>
    public const string PlatformDelete = "platform.delete";

    /// <summary>A user hid or showed a platform.</summary>
    public const string PlatformVisibility = "platform.visibility";

    /// <summary>A server key was added to a system platform's pool.</summary>
    public const string PlatformKeyCreate = "platform_key.create";

    /// <summary>A user stored their own key for a platform.</summary>
    public const string PlatformKeySet = "platform_key.set";

    /// <summary>A user removed their own key for a platform.</summary>
    public const string PlatformKeyRemove = "platform_key.remove";

    /// <summary>An upstream key's quota was set.</summary>
    public const string PlatformKeyQuotaSet = "platform_key.quota_set";

    /// <summary>An upstream key's quota was removed.</summary>
    public const string PlatformKeyQuotaRemove = "platform_key.quota_remove";

    /// <summary>An upstream key's invalid mark was cleared, so it is tried again.</summary>
    public const string PlatformKeyRevalidate = "platform_key.revalidate";

    /// <summary>An upstream key was disabled or enabled, or its weight, priority or label changed.</summary>
    public const string PlatformKeyUpdate = "platform_key.update";

    /// <summary>An upstream key's secret was replaced in place (neither secret is recorded).</summary>
    public const string PlatformKeyRotate = "platform_key.rotate";

    /// <summary>An admin removed an upstream key (a server key or a user's own).</summary>
    public const string PlatformKeyDelete = "platform_key.delete";

    /// <summary>A model was added to a platform.</summary>
    public const string PlatformModelCreate = "platform_model.create";

    /// <summary>A platform model changed.</summary>
    public const string PlatformModelUpdate = "platform_model.update";

    /// <summary>A platform model was deleted.</summary>
    public const string PlatformModelDelete = "platform_model.delete";

    /// <summary>A catalog model changed (one entry per model of a batch).</summary>
    public const string CatalogModelUpdate = "catalog_model.update";

    /// <summary>A model sync was applied to the catalog.</summary>
    public const string CatalogSyncApply = "catalog.sync_apply";

    /// <summary>A tier rule was stored.</summary>
    public const string TierSet = "tier.set";

    /// <summary>A user was created.</summary>
    public const string UserCreate = "user.create";

    /// <summary>A user changed.</summary>
    public const string UserUpdate = "user.update";

    /// <summary>A user was deleted with everything they own.</summary>
    public const string UserDelete = "user.delete";

    /// <summary>A usage slot was created.</summary>
    public const string SlotCreate = "slot.create";

    /// <summary>A usage slot was bound to another model.</summary>
    public const string SlotUpdate = "slot.update";

    /// <summary>A usage slot was deleted.</summary>
    public const string SlotDelete = "slot.delete";

    /// <summary>The tenancy mode or AutoKey changed.</summary>
    public const string TenancyUpdate = "tenancy.update";

    /// <summary>Provider prices were imported (a dry run is not a change and is not recorded).</summary>
    public const string PricesImport = "prices.import";

    /// <summary>The routing snapshot was rebuilt from the database.</summary>
    public const string ConfigReload = "config.reload";

    /// <summary>The database was made to match the platforms file.</summary>
    public const string ConfigResetFromYaml = "config.reset_from_yaml";
}
