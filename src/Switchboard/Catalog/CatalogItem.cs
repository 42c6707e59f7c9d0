using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Routing;

namespace Switchboard.Catalog;

/// <summary>Holds one catalog model as the admin sees it: stored (declared) or derived from platform models of one name, with its sources resolved.</summary>
/// <param name="Model">The model; for a derived one, the row that saving it would store.</param>
/// <param name="Declared">Whether the model is stored in the catalog rather than derived.</param>
/// <param name="Sources">The sources in configuration order, each with its platform and platform model when they exist.</param>
internal sealed record CatalogItem(CatalogModelConfig Model, bool Declared, IReadOnlyList<CatalogItemSource> Sources)
{
    /// <summary>Gets the capabilities: the model's own, or else every capability its enabled sources declare.</summary>
    public IReadOnlyList<string> Capabilities => CatalogModelTraits.Capabilities(Model.Capabilities, Sources.Where(s => s.IsEnabled).Select(s => s.Model));

    /// <summary>Gets the context window: the model's own, or else the first source's that knows one.</summary>
    public int? ContextWindow => CatalogModelTraits.ContextWindow(Model.ContextWindow, Sources.Select(s => s.Model));
}
