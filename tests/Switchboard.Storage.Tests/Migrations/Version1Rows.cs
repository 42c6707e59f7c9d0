using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Usage;
using Switchboard.Storage.Internal;

namespace Switchboard.Storage.Tests.Migrations;

/// <summary>Writes rows the way version 1 of the schema stored them, naming only its columns, so upgrade tests start from real old data.</summary>
/// <remarks>The store's own writers name every current column, so they cannot write to an old schema.</remarks>
internal static class Version1Rows
{
    /// <summary>The usage columns version 1 had: every current one but those later migrations added (appended at the end).</summary>
    private static readonly int UsageColumnCount = 28;

    /// <summary>Inserts a system platform with its keys and models, a catalog model with its sources, and usage records; returns the platform id.</summary>
    public static async Task<long> WriteAsync(SwitchboardDatabase store, PlatformSeed seed, CatalogModelConfig catalog, IReadOnlyList<UsageRecord> usage, CancellationToken cancellationToken)
    {
        var dialect = store.Dialect;
        var now = dialect.Time(DateTimeOffset.UnixEpoch);
        await using var session = await dialect.BeginAsync(readOnly: false, cancellationToken);
        var platform = seed.Platform;
        var platformId = await session.ScalarInt64Async(
            "INSERT INTO platforms (name, kind, preset, base_url, headers_json, options_json, extra_body_json, owner_user_id, enabled, created_at, updated_at) " +
            "VALUES (@name, @kind, @preset, @base_url, @headers_json, @options_json, @extra_body_json, @owner, @enabled, @now, @now) RETURNING id",
            cancellationToken,
            ("@name", platform.Name),
            ("@kind", platform.Kind),
            ("@preset", platform.Preset),
            ("@base_url", platform.BaseUrl),
            ("@headers_json", StorageJson.Write(platform.Headers)),
            ("@options_json", StorageJson.Write(platform.Options)),
            ("@extra_body_json", platform.ExtraBodyJson),
            ("@owner", platform.OwnerUserId),
            ("@enabled", platform.Enabled),
            ("@now", now));
        foreach (var key in seed.Keys)
        {
            await session.ExecuteAsync(
                "INSERT INTO platform_keys (platform_id, owner_user_id, label, sealed_value, masked, weight, priority, status, created_at) " +
                "VALUES (@platform_id, @owner, @label, @sealed_value, @masked, @weight, @priority, @status, @now)",
                cancellationToken,
                ("@platform_id", platformId),
                ("@owner", key.OwnerUserId),
                ("@label", key.Label),
                ("@sealed_value", key.SealedValue),
                ("@masked", key.Masked),
                ("@weight", key.Weight),
                ("@priority", key.Priority),
                ("@status", EnumText.ToText(key.Status)),
                ("@now", now));
        }

        foreach (var model in seed.Models)
        {
            await session.ExecuteAsync(
                "INSERT INTO platform_models (platform_id, display_name, upstream_model, extra_body_json, input_price_per_million, output_price_per_million, " +
                "cached_input_price_per_million, context_window, type, capabilities_json, enabled) VALUES (@platform_id, @display_name, @upstream_model, " +
                "@extra_body_json, @input_price, @output_price, @cached_input_price, @context_window, @type, @capabilities_json, @enabled)",
                cancellationToken,
                ("@platform_id", platformId),
                ("@display_name", model.DisplayName),
                ("@upstream_model", model.UpstreamModel),
                ("@extra_body_json", model.ExtraBodyJson),
                ("@input_price", dialect.Money(model.InputPricePerMillion)),
                ("@output_price", dialect.Money(model.OutputPricePerMillion)),
                ("@cached_input_price", dialect.MoneyOrNull(model.CachedInputPricePerMillion)),
                ("@context_window", model.ContextWindow),
                ("@type", model.Type),
                ("@capabilities_json", StorageJson.Write(model.Capabilities)),
                ("@enabled", model.Enabled));
        }

        await session.ExecuteAsync(
            "INSERT INTO catalog_models (id, position, display_name, type, strategy, user_input_price_per_million, user_output_price_per_million, tier_required, " +
            "tags_json, context_window, max_output_tokens, active, featured) VALUES (@id, 0, @display_name, @type, @strategy, @input_price, @output_price, " +
            "@tier_required, @tags_json, @context_window, @max_output_tokens, @active, @featured)",
            cancellationToken,
            ("@id", catalog.Id),
            ("@display_name", catalog.DisplayName),
            ("@type", catalog.Type),
            ("@strategy", catalog.Strategy),
            ("@input_price", dialect.Money(catalog.UserInputPricePerMillion)),
            ("@output_price", dialect.Money(catalog.UserOutputPricePerMillion)),
            ("@tier_required", catalog.TierRequired),
            ("@tags_json", StorageJson.Write(catalog.Tags)),
            ("@context_window", catalog.ContextWindow),
            ("@max_output_tokens", catalog.MaxOutputTokens),
            ("@active", catalog.Active),
            ("@featured", catalog.Featured));
        for (var i = 0; i < catalog.Sources.Count; i++)
        {
            var source = catalog.Sources[i];
            await session.ExecuteAsync(
                "INSERT INTO catalog_sources (catalog_model_id, position, platform_name, model_display_name, priority, weight) VALUES (@id, @position, @platform, @model, @priority, @weight)",
                cancellationToken,
                ("@id", catalog.Id),
                ("@position", i),
                ("@platform", source.PlatformName),
                ("@model", source.ModelDisplayName),
                ("@priority", source.Priority),
                ("@weight", source.Weight));
        }

        await OldUsageRows.InsertAsync(session, usage, UsageColumnCount, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return platformId;
    }
}
