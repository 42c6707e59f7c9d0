namespace Switchboard.Catalog;

/// <summary>Names what applying a sync entry does.</summary>
public static class CatalogSyncActions
{
    /// <summary>Adds a model the platform serves but the store lacks, with a catalog model or source for it.</summary>
    public const string Add = "add";

    /// <summary>Disables (never deletes) a stored model the platform no longer serves.</summary>
    public const string Disable = "disable";
}
