using Switchboard.Abstractions.Configuration;

namespace Switchboard.Catalog;

/// <summary>Holds one model a platform says it serves, as the platform model a sync would store.</summary>
/// <param name="Model">The platform model to store (its platform id set).</param>
/// <param name="MaxOutputTokens">The output cap the upstream reported, kept for the catalog model.</param>
internal sealed record DiscoveredModel(PlatformModelConfig Model, int? MaxOutputTokens);
