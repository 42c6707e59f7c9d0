using Switchboard.Abstractions.Configuration;
using Switchboard.Storage.Internal;
using Switchboard.Storage.KeyQuotas;
using Switchboard.Storage.Pricing;
using Switchboard.Storage.Tenancy;

namespace Switchboard.Storage.Configuration;

/// <summary>Reads the whole configuration inside one read transaction, so the result is one consistent snapshot.</summary>
internal static class ConfigurationReader
{
    /// <summary>The columns <see cref="ReadVirtualKey"/> maps, in its order.</summary>
    public const string VirtualKeyColumns =
        "id, hash, masked, name, user_id, role, created_at, expires_at, revoked_at, allowed_models_json, cache_ttl_seconds, " + LimitColumns.Names;

    /// <summary>Reads the configuration version, platforms, keys, models, the catalog with its sources, virtual keys, settings, and users with their slots and hide flags.</summary>
    public static async Task<ConfigurationData> LoadAsync(DbSession session, CancellationToken cancellationToken)
    {
        // In the same read transaction as the rest, so the version names exactly the data read with it.
        var version = await session.ScalarInt64Async(ConfigVersionTable.ReadSql, cancellationToken).ConfigureAwait(false);
        var catalog = await LoadCatalogAsync(session, cancellationToken).ConfigureAwait(false);
        return catalog with
        {
            VirtualKeys = await ReadVirtualKeysAsync(session, "", cancellationToken).ConfigureAwait(false),
            Tenancy = await TenancyReader.LoadAsync(session, cancellationToken).ConfigureAwait(false),
            ConfigVersion = version,
        };
    }

    /// <summary>Reads everything but virtual keys and tenancy: platforms, keys, models, the catalog and settings.</summary>
    /// <remarks>What a catalog or price change can touch; its size follows the catalog, not the number of keys or users.</remarks>
    public static async Task<ConfigurationData> LoadCatalogAsync(DbSession session, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var platforms = await session.QueryAsync(
            "SELECT id, name, kind, preset, base_url, headers_json, options_json, extra_body_json, owner_user_id, enabled FROM platforms ORDER BY id",
            r => new PlatformConfig
            {
                Id = r.GetInt64(0),
                Name = r.GetString(1),
                Kind = r.GetString(2),
                Preset = r.GetStringOrNull(3),
                BaseUrl = r.GetString(4),
                Headers = StorageJson.ReadMap(r.GetString(5)),
                Options = StorageJson.ReadMap(r.GetString(6)),
                ExtraBodyJson = r.GetStringOrNull(7),
                OwnerUserId = r.GetString(8),
                Enabled = r.GetBoolean(9),
            },
            cancellationToken).ConfigureAwait(false);

        var keys = await session.QueryAsync(
            "SELECT id, platform_id, owner_user_id, label, sealed_value, masked, weight, priority, status, " + KeyQuotaColumns.Names + " FROM platform_keys ORDER BY platform_id, priority, id",
            r => new ApiKeyConfig
            {
                Id = r.GetInt64(0),
                PlatformId = r.GetInt64(1),
                OwnerUserId = r.GetString(2),
                Label = r.GetStringOrNull(3),
                SealedValue = r.GetString(4),
                Masked = r.GetString(5),
                Weight = r.GetInt32(6),
                Priority = r.GetInt32(7),
                Status = EnumText.ParseKeyStatus(r.GetString(8)),
                Quota = KeyQuotaColumns.Read(dialect, r, 9),
            },
            cancellationToken).ConfigureAwait(false);

        var models = await session.QueryAsync(
            "SELECT id, platform_id, display_name, upstream_model, extra_body_json, context_window, type, capabilities_json, enabled, " +
            PriceColumns.ModelNames + " FROM platform_models ORDER BY platform_id, id",
            r => PriceColumns.ReadModel(dialect, r, 9, new PlatformModelConfig
            {
                Id = r.GetInt64(0),
                PlatformId = r.GetInt64(1),
                DisplayName = r.GetString(2),
                UpstreamModel = r.GetString(3),
                ExtraBodyJson = r.GetStringOrNull(4),
                ContextWindow = r.GetInt32OrNull(5),
                Type = r.GetString(6),
                Capabilities = StorageJson.ReadList(r.GetString(7)),
                Enabled = r.GetBoolean(8),
            }),
            cancellationToken).ConfigureAwait(false);

        return new ConfigurationData
        {
            Platforms = platforms,
            Keys = keys,
            Models = models,
            Catalog = await ReadCatalogAsync(session, cancellationToken).ConfigureAwait(false),
            Settings = await ReadSettingsAsync(session, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Reads every setting.</summary>
    public static async Task<Dictionary<string, string>> ReadSettingsAsync(DbSession session, CancellationToken cancellationToken)
    {
        var settings = await session.QueryAsync(
            "SELECT name, value FROM settings ORDER BY name",
            r => KeyValuePair.Create(r.GetString(0), r.GetString(1)),
            cancellationToken).ConfigureAwait(false);
        return new Dictionary<string, string>(settings, StringComparer.Ordinal);
    }

    /// <summary>Reads virtual keys, revoked ones included, filtered by <paramref name="where"/> (empty for all).</summary>
    public static Task<List<VirtualKeyRecord>> ReadVirtualKeysAsync(
        DbSession session, string where, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var dialect = session.Dialect;
        return session.QueryAsync(
            $"SELECT {VirtualKeyColumns} FROM virtual_keys {where} ORDER BY id",
            r => ReadVirtualKey(dialect, r),
            cancellationToken,
            parameters);
    }

    /// <summary>Maps a row of <see cref="VirtualKeyColumns"/>.</summary>
    public static VirtualKeyRecord ReadVirtualKey(Dialect dialect, System.Data.Common.DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Hash = r.GetString(1),
        Masked = r.GetString(2),
        Name = r.GetStringOrNull(3),
        UserId = r.GetString(4),
        Role = r.GetString(5),
        CreatedAt = dialect.ReadTime(r, 6),
        ExpiresAt = dialect.ReadTimeOrNull(r, 7),
        RevokedAt = dialect.ReadTimeOrNull(r, 8),
        AllowedModels = ReadAllowedModels(r.GetString(9)),
        CacheTtlSeconds = r.GetInt32OrNull(10),
        Limits = LimitColumns.Read(dialect, r, 11),
    };

    /// <summary>Reads a key's model allowlist; an empty one is the shared empty list, as on a new record.</summary>
    private static IReadOnlyList<string> ReadAllowedModels(string json)
    {
        var models = StorageJson.ReadList(json);
        return models.Count == 0 ? Array.Empty<string>() : models;
    }

    /// <summary>Reads a catalog model's own capabilities; an empty list is the shared empty list, as on a new record.</summary>
    private static IReadOnlyList<string> ReadCapabilities(string json)
    {
        var capabilities = StorageJson.ReadList(json);
        return capabilities.Count == 0 ? Array.Empty<string>() : capabilities;
    }

    private static async Task<List<CatalogModelConfig>> ReadCatalogAsync(DbSession session, CancellationToken cancellationToken)
    {
        var dialect = session.Dialect;
        var sources = await session.QueryAsync(
            "SELECT catalog_model_id, platform_name, model_display_name, priority, weight FROM catalog_sources ORDER BY catalog_model_id, position",
            r => (ModelId: r.GetString(0), Source: new CatalogSourceConfig(r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4))),
            cancellationToken).ConfigureAwait(false);
        var sourcesByModel = sources
            .GroupBy(s => s.ModelId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CatalogSourceConfig>)[.. g.Select(s => s.Source)], StringComparer.Ordinal);

        return await session.QueryAsync(
            "SELECT id, display_name, type, strategy, tier_required, tags_json, context_window, max_output_tokens, active, featured, " +
            "custom_name, capabilities_json, cache_ttl_seconds, " + PriceColumns.CatalogNames + " FROM catalog_models ORDER BY position, id",
            r => PriceColumns.ReadCatalog(dialect, r, 13, new CatalogModelConfig
            {
                Id = r.GetString(0),
                DisplayName = r.GetStringOrNull(1),
                Type = r.GetString(2),
                Strategy = r.GetStringOrNull(3),
                TierRequired = r.GetStringOrNull(4),
                Tags = StorageJson.ReadList(r.GetString(5)),
                ContextWindow = r.GetInt32OrNull(6),
                MaxOutputTokens = r.GetInt32OrNull(7),
                Active = r.GetBoolean(8),
                Featured = r.GetBoolean(9),
                CustomName = r.GetStringOrNull(10),
                Capabilities = ReadCapabilities(r.GetString(11)),
                CacheTtlSeconds = r.GetInt32OrNull(12),
                Sources = sourcesByModel.GetValueOrDefault(r.GetString(0)) ?? [],
            }),
            cancellationToken).ConfigureAwait(false);
    }
}
