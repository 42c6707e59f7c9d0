namespace Switchboard.Abstractions.Configuration;

/// <summary>Names the kinds of configuration change a writer records, so replicas apply the change instead of loading everything.</summary>
/// <remarks>A reader that meets a kind it does not know loads the whole configuration: a newer writer never leaves an older replica wrong.</remarks>
public static class ConfigChangeKinds
{
    /// <summary>A virtual key was created, changed or revoked; the entity id is the key's id.</summary>
    public const string VirtualKey = "virtual_key";

    /// <summary>A user was created or changed (role, tier, status, limits, and a new user's slots); the entity id is the user's id.</summary>
    public const string User = "user";

    /// <summary>A setting changed (mode, AutoKey, a tier rule); the entity id is the setting's name.</summary>
    public const string Setting = "setting";

    /// <summary>The catalog changed (a catalog model, or a platform model's prices); the entity id names what, for the record only.</summary>
    public const string Catalog = "catalog";

    /// <summary>Returns whether <paramref name="kind"/> is one this build applies.</summary>
    public static bool IsKnown(string kind) => kind is VirtualKey or User or Setting or Catalog;
}
