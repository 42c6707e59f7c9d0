namespace Switchboard.Abstractions.Storage;

/// <summary>Counts what applying a model sync changed.</summary>
/// <param name="ModelsAdded">Platform models inserted.</param>
/// <param name="ModelsDisabled">Platform models that were enabled and are now disabled.</param>
/// <param name="CatalogModelsAdded">Catalog models inserted.</param>
/// <param name="SourcesAdded">Catalog sources appended to catalog models that already existed.</param>
public sealed record CatalogSyncCounts(int ModelsAdded, int ModelsDisabled, int CatalogModelsAdded, int SourcesAdded);
