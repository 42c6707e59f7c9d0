namespace Switchboard.Abstractions.Configuration;

/// <summary>Binds a catalog model to one platform model with a priority and weight.</summary>
/// <param name="PlatformName">The system platform name.</param>
/// <param name="ModelDisplayName">The platform model's display name.</param>
/// <param name="Priority">Lower is tried first.</param>
/// <param name="Weight">The share for weighted strategies.</param>
public sealed record CatalogSourceConfig(string PlatformName, string ModelDisplayName, int Priority = 0, int Weight = 1);
