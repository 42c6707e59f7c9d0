using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Storage.Internal;
using Switchboard.Storage.Pricing;
using Switchboard.Storage.Tenancy;

namespace Switchboard.Storage.Catalog;

/// <summary>Writes catalog admin changes inside the caller's transaction: attribute edits and sync results.</summary>
/// <remarks>
/// Sync statements only touch system platforms (<c>owner_user_id = '-1'</c>): discovery never reaches a user's private
/// platform, and a stale or forged id must not change one. Every insert skips rows that exist, so replays are no-ops.
/// </remarks>
internal static class CatalogWriter
{
    private const string Attributes = "display_name = @display_name, custom_name = @custom_name, type = @type, strategy = @strategy, " +
        PriceColumns.CatalogAssignments + ", tier_required = @tier_required, " +
        "tags_json = @tags_json, capabilities_json = @capabilities_json, context_window = @context_window, " +
        "max_output_tokens = @max_output_tokens, active = @active, featured = @featured, cache_ttl_seconds = @cache_ttl_seconds";

    private const string InsertModel =
        "INSERT INTO catalog_models (id, position, display_name, custom_name, type, strategy, " + PriceColumns.CatalogNames + ", " +
        "tier_required, tags_json, capabilities_json, context_window, max_output_tokens, active, featured, cache_ttl_seconds) " +
        "VALUES (@id, (SELECT COALESCE(MAX(position) + 1, 0) FROM catalog_models), @display_name, @custom_name, @type, @strategy, " +
        PriceColumns.CatalogValues + ", @tier_required, @tags_json, @capabilities_json, @context_window, @max_output_tokens, @active, @featured, @cache_ttl_seconds) " +
        "ON CONFLICT (id) DO NOTHING";

    /// <summary>Updates each model's attributes, inserting absent ones with their sources; returns how many were inserted.</summary>
    public static async Task<int> SaveModelsAsync(DbSession session, IReadOnlyList<CatalogModelConfig> models, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var model in models)
        {
            var parameters = ModelParameters(session.Dialect, model);
            if (await session.ExecuteAsync($"UPDATE catalog_models SET {Attributes} WHERE id = @id", cancellationToken, parameters).ConfigureAwait(false) > 0)
            {
                continue;
            }

            await session.ExecuteAsync(InsertModel, cancellationToken, parameters).ConfigureAwait(false);
            await AppendSourcesAsync(session, model.Id, model.Sources, cancellationToken).ConfigureAwait(false);
            inserted++;
        }

        return inserted;
    }

    /// <summary>Applies a sync's additions and disables, skipping whatever is already in place.</summary>
    public static async Task<CatalogSyncCounts> ApplySyncAsync(DbSession session, CatalogSyncChanges changes, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var modelsAdded = 0;
        var systemPlatforms = (await session.QueryAsync(
                "SELECT id FROM platforms WHERE owner_user_id = @system", r => r.GetInt64(0), cancellationToken, ("@system", SystemUser.Id)).ConfigureAwait(false))
            .ToHashSet();
        foreach (var model in changes.AddModels.Where(m => systemPlatforms.Contains(m.PlatformId)))
        {
            modelsAdded += await session.ExecuteAsync(
                "INSERT INTO platform_models (platform_id, display_name, upstream_model, extra_body_json, " + PriceColumns.ModelNames + ", " +
                "context_window, type, capabilities_json, enabled) " +
                "VALUES (@platform_id, @display_name, @upstream_model, @extra_body_json, " + PriceColumns.ModelValues + ", " +
                "@context_window, @type, @capabilities_json, @enabled) ON CONFLICT (platform_id, display_name) DO NOTHING",
                cancellationToken,
                [("@platform_id", model.PlatformId), .. PrivatePlatformWriter.ModelParameters(dialect, model)]).ConfigureAwait(false);
        }

        var modelsDisabled = 0;
        foreach (var id in changes.DisableModelIds.Distinct())
        {
            modelsDisabled += await session.ExecuteAsync(
                "UPDATE platform_models SET enabled = @off WHERE id = @id AND enabled = @on " +
                "AND platform_id IN (SELECT id FROM platforms WHERE owner_user_id = @system)",
                cancellationToken,
                ("@off", false),
                ("@on", true),
                ("@id", id),
                ("@system", SystemUser.Id)).ConfigureAwait(false);
        }

        var catalogAdded = 0;
        var sourcesAdded = 0;
        foreach (var model in changes.Catalog)
        {
            if (await session.ExecuteAsync(InsertModel, cancellationToken, ModelParameters(dialect, model)).ConfigureAwait(false) > 0)
            {
                await AppendSourcesAsync(session, model.Id, model.Sources, cancellationToken).ConfigureAwait(false);
                catalogAdded++;
                continue;
            }

            var present = (await session.QueryAsync(
                    "SELECT platform_name, model_display_name FROM catalog_sources WHERE catalog_model_id = @id",
                    r => (r.GetString(0), r.GetString(1)),
                    cancellationToken,
                    ("@id", model.Id)).ConfigureAwait(false))
                .ToHashSet();
            var missing = model.Sources.Where(s => !present.Contains((s.PlatformName, s.ModelDisplayName))).ToArray();
            await AppendSourcesAsync(session, model.Id, missing, cancellationToken).ConfigureAwait(false);
            sourcesAdded += missing.Length;
        }

        return new CatalogSyncCounts(modelsAdded, modelsDisabled, catalogAdded, sourcesAdded);
    }

    private static async Task AppendSourcesAsync(DbSession session, string modelId, IReadOnlyList<CatalogSourceConfig> sources, CancellationToken cancellationToken)
    {
        if (sources.Count == 0)
        {
            return;
        }

        var next = await session.ScalarInt64Async(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM catalog_sources WHERE catalog_model_id = @id", cancellationToken, ("@id", modelId)).ConfigureAwait(false);
        foreach (var source in sources)
        {
            await session.ExecuteAsync(
                "INSERT INTO catalog_sources (catalog_model_id, position, platform_name, model_display_name, priority, weight) " +
                "VALUES (@id, @position, @platform_name, @model_display_name, @priority, @weight)",
                cancellationToken,
                ("@id", modelId),
                ("@position", (int)next++),
                ("@platform_name", source.PlatformName),
                ("@model_display_name", source.ModelDisplayName),
                ("@priority", source.Priority),
                ("@weight", source.Weight)).ConfigureAwait(false);
        }
    }

    private static (string, object?)[] ModelParameters(Dialect dialect, CatalogModelConfig model) =>
    [
        ("@id", model.Id),
        ("@display_name", model.DisplayName),
        ("@custom_name", model.CustomName),
        ("@type", model.Type),
        ("@strategy", model.Strategy),
        .. PriceColumns.CatalogParameters(dialect, model),
        ("@tier_required", model.TierRequired),
        ("@tags_json", StorageJson.Write(model.Tags)),
        ("@capabilities_json", StorageJson.Write(model.Capabilities)),
        ("@context_window", model.ContextWindow),
        ("@max_output_tokens", model.MaxOutputTokens),
        ("@active", model.Active),
        ("@featured", model.Featured),
        ("@cache_ttl_seconds", model.CacheTtlSeconds),
    ];
}
