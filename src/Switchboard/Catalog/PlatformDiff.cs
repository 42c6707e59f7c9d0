using Switchboard.Abstractions.Configuration;

namespace Switchboard.Catalog;

/// <summary>Holds one platform's sync result: where its list came from and how it differs from what is stored.</summary>
internal sealed record PlatformDiff(PlatformConfig Platform, string Provider, string ListSource, SyncErrorView? Error)
{
    /// <summary>Gets the models the platform serves that are not stored yet.</summary>
    public List<DiscoveredModel> Added { get; } = [];

    /// <summary>Gets the enabled stored models the platform no longer serves.</summary>
    public List<PlatformModelConfig> Missing { get; } = [];

    /// <summary>Gets served models whose name another stored model of the platform already has.</summary>
    public List<DiscoveredModel> Conflicts { get; } = [];

    /// <summary>Gets the stored models the platform still serves.</summary>
    public List<PlatformModelConfig> Unchanged { get; } = [];

    /// <summary>Creates the result of a platform whose list could not be read.</summary>
    public static PlatformDiff Failed(PlatformConfig platform, string provider, string code, string message) =>
        new(platform, provider, ModelListSources.None, new SyncErrorView(code, message));
}
