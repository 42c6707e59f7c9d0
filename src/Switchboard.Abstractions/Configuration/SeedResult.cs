namespace Switchboard.Abstractions.Configuration;

/// <summary>Counts what applying the platforms file changed.</summary>
public sealed record SeedResult(int PlatformsAdded, int PlatformsUpdated, int PlatformsRemoved, int ModelsAdded, int ModelsRemoved, int KeysAdded, int CatalogModelsAdded);
