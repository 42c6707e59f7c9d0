using Switchboard.Abstractions.Configuration;

namespace Switchboard.Catalog;

/// <summary>Holds one source of a catalog model with the stored platform and platform model it names (null when they are gone).</summary>
/// <param name="Config">The source as configured.</param>
/// <param name="Platform">The system platform it names, or null.</param>
/// <param name="Model">The platform model it names, or null.</param>
internal sealed record CatalogItemSource(CatalogSourceConfig Config, PlatformConfig? Platform, PlatformModelConfig? Model)
{
    /// <summary>Gets a value indicating whether the platform and the platform model exist and are both enabled.</summary>
    public bool IsEnabled => Platform is { Enabled: true } && Model is { Enabled: true };
}
