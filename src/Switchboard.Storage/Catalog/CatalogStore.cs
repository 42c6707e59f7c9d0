using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Configuration;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Catalog;

/// <summary>Stores catalog admin changes (<see cref="ICatalogStore"/>): batch edits of catalog models and model sync results.</summary>
internal sealed class CatalogStore(Dialect dialect) : ICatalogStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">A model has no id, or two models share one.</exception>
    public async Task<int> SaveCatalogModelsAsync(IReadOnlyList<CatalogModelConfig> models, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            ArgumentException.ThrowIfNullOrEmpty(model.Id, nameof(models));
            if (!ids.Add(model.Id))
            {
                throw new ArgumentException($"Catalog model '{model.Id}' is given twice.", nameof(models));
            }
        }

        if (models.Count == 0)
        {
            return 0;
        }

        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        var start = await ConfigChangeLog.StartAsync(session, cancellationToken).ConfigureAwait(false);
        var inserted = await CatalogWriter.SaveModelsAsync(session, models, cancellationToken).ConfigureAwait(false);
        await ConfigChangeLog.RecordAsync(session, start, ConfigChangeKinds.Catalog, "catalog_models", cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    /// <inheritdoc />
    /// <remarks>Takes the seed lock, so a sync never interleaves with a platforms-file seed or reset on another replica.</remarks>
    public async Task<CatalogSyncCounts> ApplyCatalogSyncAsync(CatalogSyncChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken).ConfigureAwait(false);
        await dialect.LockAsync(session, AdvisoryLocks.Seed, cancellationToken).ConfigureAwait(false);
        var counts = await CatalogWriter.ApplySyncAsync(session, changes, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return counts;
    }
}
