using Switchboard.Abstractions.Configuration;

namespace Switchboard.Abstractions.Storage;

/// <summary>Persists admin changes to the catalog: batch edits of catalog models and the result of a model sync.</summary>
/// <remarks>Implementations are singletons and thread-safe; every call is one transaction, so a change is applied whole or not at all.</remarks>
public interface ICatalogStore
{
    /// <summary>
    /// Writes the attributes of each catalog model (names, type, capabilities, prices, tier, tags, limits, active and
    /// featured flags) in one transaction; a model not stored yet is inserted with its sources, a stored one keeps its sources.
    /// </summary>
    /// <returns>How many models were inserted (the rest were updated).</returns>
    Task<int> SaveCatalogModelsAsync(IReadOnlyList<CatalogModelConfig> models, CancellationToken cancellationToken);

    /// <summary>Applies a model sync in one transaction: adds platform models and catalog models or sources that are absent, and disables platform models.</summary>
    /// <remarks>Idempotent: rows that already exist are left alone and disabled models stay disabled, so applying the same changes twice changes nothing the second time.</remarks>
    Task<CatalogSyncCounts> ApplyCatalogSyncAsync(CatalogSyncChanges changes, CancellationToken cancellationToken);
}
