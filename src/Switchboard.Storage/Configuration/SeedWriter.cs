using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Internal;
using Switchboard.Storage.KeyQuotas;
using Switchboard.Storage.Pricing;

namespace Switchboard.Storage.Configuration;

/// <summary>Applies the platforms file to the database inside the caller's transaction and counts what changed.</summary>
/// <remarks>
/// <see cref="SeedMode.AddMissing"/> only inserts: new system platforms (with their keys and models), new models of
/// existing platforms, new catalog models. <see cref="SeedMode.Reset"/> makes system platforms, their system keys,
/// their models and the catalog match the file; keys owned by users stay, except on a platform whose base URL moves to
/// a new host (<see cref="KeyHostRule"/>): a user's key was given for the old host, so it is dropped with the old
/// server keys, in the same transaction. Existing rows are updated in place, so ids of kept platforms and models stay stable.
/// </remarks>
internal sealed class SeedWriter(DbSession session, DateTimeOffset now)
{
    private const string PlatformColumns = "kind = @kind, preset = @preset, base_url = @base_url, headers_json = @headers_json, " +
        "options_json = @options_json, extra_body_json = @extra_body_json, enabled = @enabled, updated_at = @now";

    private const string ModelColumns = "upstream_model = @upstream_model, extra_body_json = @extra_body_json, " + PriceColumns.ModelAssignments + ", " +
        "context_window = @context_window, type = @type, capabilities_json = @capabilities_json, enabled = @enabled";

    private const string CatalogColumns = "position = @position, display_name = @display_name, type = @type, strategy = @strategy, " +
        PriceColumns.CatalogAssignments + ", tier_required = @tier_required, " +
        "tags_json = @tags_json, context_window = @context_window, max_output_tokens = @max_output_tokens, active = @active, featured = @featured, cache_ttl_seconds = @cache_ttl_seconds";

    private readonly Dialect _dialect = session.Dialect;
    private int _platformsAdded;
    private int _platformsUpdated;
    private int _platformsRemoved;
    private int _modelsAdded;
    private int _modelsRemoved;
    private int _keysAdded;
    private int _catalogModelsAdded;
    private int _userKeysDropped;
    private readonly List<string> _hostsChanged = [];

    /// <summary>Applies the seed and returns the counts.</summary>
    public async Task<SeedResult> ApplyAsync(
        IReadOnlyList<PlatformSeed> platforms, IReadOnlyList<CatalogModelConfig> catalog, SeedMode mode, CancellationToken cancellationToken)
    {
        var reset = mode == SeedMode.Reset;
        var existing = (await session.QueryAsync(
                "SELECT name, id, base_url FROM platforms WHERE owner_user_id = @owner",
                r => KeyValuePair.Create(r.GetString(0), (Id: r.GetInt64(1), BaseUrl: r.GetString(2))),
                cancellationToken,
                ("@owner", SystemUser.Id)).ConfigureAwait(false))
            .ToDictionary(StringComparer.Ordinal);

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in platforms)
        {
            var name = seed.Platform.Name;
            if (!listed.Add(name))
            {
                throw new ArgumentException($"Platform '{name}' is declared twice.", nameof(platforms));
            }

            long platformId;
            if (!existing.TryGetValue(name, out var stored))
            {
                platformId = await InsertPlatformAsync(seed.Platform, cancellationToken).ConfigureAwait(false);
                _platformsAdded++;
                await InsertKeysAsync(platformId, seed.Keys, cancellationToken).ConfigureAwait(false);
            }
            else if (reset)
            {
                platformId = stored.Id;
                if (KeyHostRule.MovesKeys(stored.BaseUrl, seed.Platform.BaseUrl))
                {
                    _hostsChanged.Add(name);
                    _userKeysDropped += await session.ExecuteAsync(
                        "DELETE FROM platform_keys WHERE platform_id = @id AND owner_user_id <> @owner",
                        cancellationToken,
                        ("@id", platformId),
                        ("@owner", SystemUser.Id)).ConfigureAwait(false);
                }

                await session.ExecuteAsync(
                    $"UPDATE platforms SET {PlatformColumns} WHERE id = @id",
                    cancellationToken,
                    [.. PlatformParameters(seed.Platform), ("@id", platformId)]).ConfigureAwait(false);
                _platformsUpdated++;
                await session.ExecuteAsync(
                    "DELETE FROM platform_keys WHERE platform_id = @id AND owner_user_id = @owner",
                    cancellationToken,
                    ("@id", platformId),
                    ("@owner", SystemUser.Id)).ConfigureAwait(false);
                await InsertKeysAsync(platformId, seed.Keys, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                platformId = stored.Id;
            }

            await SyncModelsAsync(platformId, seed.Models, reset, cancellationToken).ConfigureAwait(false);
        }

        if (reset)
        {
            foreach (var (_, (platformId, _)) in existing.Where(p => !listed.Contains(p.Key)))
            {
                _modelsRemoved += (int)await session.ScalarInt64Async(
                    "SELECT COUNT(*) FROM platform_models WHERE platform_id = @id", cancellationToken, ("@id", platformId)).ConfigureAwait(false);
                _platformsRemoved += await session.ExecuteAsync(
                    "DELETE FROM platforms WHERE id = @id", cancellationToken, ("@id", platformId)).ConfigureAwait(false);
            }
        }

        await SyncCatalogAsync(catalog, reset, cancellationToken).ConfigureAwait(false);
        var result = new SeedResult(_platformsAdded, _platformsUpdated, _platformsRemoved, _modelsAdded, _modelsRemoved, _keysAdded, _catalogModelsAdded);
        return _hostsChanged.Count == 0 ? result : result with { HostsChanged = [.. _hostsChanged], UserKeysDropped = _userKeysDropped };
    }

    private async Task<long> InsertPlatformAsync(PlatformConfig platform, CancellationToken cancellationToken) =>
        await session.ScalarInt64Async(
            "INSERT INTO platforms (name, kind, preset, base_url, headers_json, options_json, extra_body_json, owner_user_id, enabled, created_at, updated_at) " +
            "VALUES (@name, @kind, @preset, @base_url, @headers_json, @options_json, @extra_body_json, @owner, @enabled, @now, @now) RETURNING id",
            cancellationToken,
            [.. PlatformParameters(platform), ("@name", platform.Name), ("@owner", SystemUser.Id)]).ConfigureAwait(false);

    private (string, object?)[] PlatformParameters(PlatformConfig platform) =>
    [
        ("@kind", platform.Kind),
        ("@preset", platform.Preset),
        ("@base_url", platform.BaseUrl),
        ("@headers_json", StorageJson.Write(platform.Headers)),
        ("@options_json", StorageJson.Write(platform.Options)),
        ("@extra_body_json", platform.ExtraBodyJson),
        ("@enabled", platform.Enabled),
        ("@now", _dialect.Time(now)),
    ];

    private async Task InsertKeysAsync(long platformId, IReadOnlyList<ApiKeyConfig> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            // Keys from the platforms file are server keys whatever their record says. A key without a quota names no
            // quota columns, so seeding also works on a schema older than the quotas (upgrade tests seed at version 1).
            var quota = key.Quota is { Any: true };
            _keysAdded += await session.ExecuteAsync(
                "INSERT INTO platform_keys (platform_id, owner_user_id, label, sealed_value, masked, weight, priority, status, created_at" +
                (quota ? ", " + KeyQuotaColumns.Names : "") + ") " +
                "VALUES (@platform_id, @owner, @label, @sealed_value, @masked, @weight, @priority, @status, @now" + (quota ? ", " + KeyQuotaColumns.Values : "") + ")",
                cancellationToken,
                [
                    .. quota ? KeyQuotaColumns.Parameters(_dialect, key.Quota) : [],
                    ("@platform_id", platformId),
                    ("@owner", SystemUser.Id),
                    ("@label", key.Label),
                    ("@sealed_value", key.SealedValue),
                    ("@masked", key.Masked),
                    ("@weight", key.Weight),
                    ("@priority", key.Priority),
                    ("@status", EnumText.ToText(key.Status)),
                    ("@now", _dialect.Time(now)),
                ]).ConfigureAwait(false);
        }
    }

    private async Task SyncModelsAsync(long platformId, IReadOnlyList<PlatformModelConfig> models, bool replace, CancellationToken cancellationToken)
    {
        var current = (await session.QueryAsync(
                "SELECT display_name, id FROM platform_models WHERE platform_id = @id",
                r => KeyValuePair.Create(r.GetString(0), r.GetInt64(1)),
                cancellationToken,
                ("@id", platformId)).ConfigureAwait(false))
            .ToDictionary(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            given.Add(model.DisplayName);
            if (current.TryGetValue(model.DisplayName, out var modelId))
            {
                if (replace)
                {
                    await session.ExecuteAsync(
                        $"UPDATE platform_models SET {ModelColumns} WHERE id = @id",
                        cancellationToken,
                        [.. ModelParameters(model), ("@id", modelId)]).ConfigureAwait(false);
                }

                continue;
            }

            current[model.DisplayName] = await session.ScalarInt64Async(
                "INSERT INTO platform_models (platform_id, display_name, upstream_model, extra_body_json, " + PriceColumns.ModelNames + ", " +
                "context_window, type, capabilities_json, enabled) " +
                "VALUES (@platform_id, @display_name, @upstream_model, @extra_body_json, " + PriceColumns.ModelValues + ", " +
                "@context_window, @type, @capabilities_json, @enabled) RETURNING id",
                cancellationToken,
                [.. ModelParameters(model), ("@platform_id", platformId), ("@display_name", model.DisplayName)]).ConfigureAwait(false);
            _modelsAdded++;
        }

        if (replace)
        {
            foreach (var (_, modelId) in current.Where(m => !given.Contains(m.Key)))
            {
                _modelsRemoved += await session.ExecuteAsync(
                    "DELETE FROM platform_models WHERE id = @id", cancellationToken, ("@id", modelId)).ConfigureAwait(false);
            }
        }
    }

    private (string, object?)[] ModelParameters(PlatformModelConfig model) =>
    [
        ("@upstream_model", model.UpstreamModel),
        ("@extra_body_json", model.ExtraBodyJson),
        .. PriceColumns.ModelParameters(_dialect, model),
        ("@context_window", model.ContextWindow),
        ("@type", model.Type),
        ("@capabilities_json", StorageJson.Write(model.Capabilities)),
        ("@enabled", model.Enabled),
    ];

    private async Task SyncCatalogAsync(IReadOnlyList<CatalogModelConfig> catalog, bool replace, CancellationToken cancellationToken)
    {
        var existing = (await session.QueryAsync("SELECT id FROM catalog_models", r => r.GetString(0), cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in catalog)
        {
            if (!given.Add(model.Id))
            {
                throw new ArgumentException($"Catalog model '{model.Id}' is declared twice.", nameof(catalog));
            }
        }

        var position = 0L;
        if (replace)
        {
            foreach (var id in existing.Where(id => !given.Contains(id)))
            {
                await session.ExecuteAsync("DELETE FROM catalog_models WHERE id = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
            }
        }
        else
        {
            position = await session.ScalarInt64Async("SELECT COALESCE(MAX(position) + 1, 0) FROM catalog_models", cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < catalog.Count; i++)
        {
            var model = catalog[i];
            if (existing.Contains(model.Id))
            {
                if (!replace)
                {
                    continue;
                }

                await session.ExecuteAsync(
                    $"UPDATE catalog_models SET {CatalogColumns} WHERE id = @id",
                    cancellationToken,
                    [.. CatalogParameters(model, i)]).ConfigureAwait(false);
                await session.ExecuteAsync(
                    "DELETE FROM catalog_sources WHERE catalog_model_id = @id", cancellationToken, ("@id", model.Id)).ConfigureAwait(false);
            }
            else
            {
                await session.ExecuteAsync(
                    "INSERT INTO catalog_models (id, position, display_name, type, strategy, " + PriceColumns.CatalogNames + ", " +
                    "tier_required, tags_json, context_window, max_output_tokens, active, featured, cache_ttl_seconds) VALUES (@id, @position, @display_name, @type, " +
                    "@strategy, " + PriceColumns.CatalogValues + ", @tier_required, @tags_json, @context_window, @max_output_tokens, @active, @featured, @cache_ttl_seconds)",
                    cancellationToken,
                    [.. CatalogParameters(model, replace ? i : position++)]).ConfigureAwait(false);
                _catalogModelsAdded++;
            }

            await InsertSourcesAsync(model, cancellationToken).ConfigureAwait(false);
        }
    }

    private (string, object?)[] CatalogParameters(CatalogModelConfig model, long position) =>
    [
        ("@id", model.Id),
        ("@position", (int)position),
        ("@display_name", model.DisplayName),
        ("@type", model.Type),
        ("@strategy", model.Strategy),
        .. PriceColumns.CatalogParameters(_dialect, model),
        ("@tier_required", model.TierRequired),
        ("@tags_json", StorageJson.Write(model.Tags)),
        ("@context_window", model.ContextWindow),
        ("@max_output_tokens", model.MaxOutputTokens),
        ("@active", model.Active),
        ("@featured", model.Featured),
        ("@cache_ttl_seconds", model.CacheTtlSeconds),
    ];

    private async Task InsertSourcesAsync(CatalogModelConfig model, CancellationToken cancellationToken)
    {
        for (var i = 0; i < model.Sources.Count; i++)
        {
            var source = model.Sources[i];
            await session.ExecuteAsync(
                "INSERT INTO catalog_sources (catalog_model_id, position, platform_name, model_display_name, priority, weight) " +
                "VALUES (@id, @position, @platform_name, @model_display_name, @priority, @weight)",
                cancellationToken,
                ("@id", model.Id),
                ("@position", i),
                ("@platform_name", source.PlatformName),
                ("@model_display_name", source.ModelDisplayName),
                ("@priority", source.Priority),
                ("@weight", source.Weight)).ConfigureAwait(false);
        }
    }
}
