namespace Switchboard.Catalog;

/// <summary>Names where a sync read a platform's model list from.</summary>
internal static class ModelListSources
{
    /// <summary>The provider's own model list (<c>/models</c> or its equivalent).</summary>
    public const string Upstream = "upstream";

    /// <summary>The platform's models in the platforms file.</summary>
    public const string Configured = "configured";

    /// <summary>Neither is available, so the stored list is its own reference and nothing differs.</summary>
    public const string Stored = "stored";

    /// <summary>No list was read (the platform failed).</summary>
    public const string None = "none";

    /// <summary>The platform option that makes sync use the platforms file even when the provider can list models.</summary>
    public const string OptionName = "model_list";
}
