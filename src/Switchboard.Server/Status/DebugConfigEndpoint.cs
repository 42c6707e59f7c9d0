using System.Globalization;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Usage;
using Switchboard.Hosting;
using Switchboard.Server.Status.Views;

namespace Switchboard.Server.Status;

/// <summary>Builds the admin-only effective configuration view, with every secret masked.</summary>
/// <remarks>
/// Sealed key values are never read here; keys appear by their stored masked form. The master key is never shown,
/// the admin key only masked, connection string passwords and secret-like settings, headers and body fields masked.
/// </remarks>
internal static class DebugConfigEndpoint
{
    public static async Task<IResult> GetAsync(
        ISwitchboardStore store,
        IKeyHealthSource keys,
        IOptions<SwitchboardOptions> engine,
        IOptions<GatewayOptions> gateway,
        IOptions<UsageOptions> usage,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        var cooling = keys.Sample().Where(s => s.Cooling).Select(s => s.KeyId).ToHashSet();
        var options = engine.Value;
        var env = options.GetEnvironmentVariable;
        var platforms = data.Platforms.Select(p => new DebugPlatformView(
            p.Id,
            p.Name,
            p.Kind,
            p.Preset,
            SecretRedaction.Url(p.BaseUrl) ?? string.Empty,
            p.OwnerUserId,
            p.Enabled,
            SecretRedaction.MaskAll(p.Headers),
            SecretRedaction.MaskSecretLike(p.Options),
            SecretRedaction.Json(p.ExtraBodyJson),
            [.. data.Keys.Where(k => k.PlatformId == p.Id).Select(k => new DebugKeyView(k.Id, k.Label, k.Masked, k.OwnerUserId, k.Status.ToString().ToLowerInvariant(), k.Weight, k.Priority, cooling.Contains(k.Id)))],
            [.. data.Models.Where(m => m.PlatformId == p.Id).Select(m => new DebugModelView(
                m.Id, m.DisplayName, m.UpstreamModel, m.Type, m.InputPricePerMillion, m.OutputPricePerMillion, m.CachedInputPricePerMillion,
                m.CacheWritePricePerMillion, m.CacheWrite1HourPricePerMillion, m.ContextWindow, m.Enabled))])).ToList();
        var catalog = data.Catalog.Select(c => new DebugCatalogView(
            c.Id, c.DisplayName, c.Strategy, c.UserInputPricePerMillion, c.UserOutputPricePerMillion, c.UserCachedInputPricePerMillion, c.UserCacheWritePricePerMillion, c.TierRequired, c.Active,
            [.. c.Sources.OrderBy(s => s.Priority).Select(s => $"{s.PlatformName}/{s.ModelDisplayName}")])).ToList();
        var settings = data.Settings.ToDictionary(
            p => p.Key,
            p => SecretRedaction.LooksSealed(p.Value) ? SecretMasker() : SecretRedaction.LooksSecret(p.Key) ? SecretRedaction.Mask(p.Value) : p.Value,
            StringComparer.Ordinal);
        var view = new DebugConfigView(
            time.GetUtcNow(),
            new DebugDatabaseView(store.ProviderName, SecretRedaction.ConnectionString(options.EffectiveConnectionString), await store.GetSchemaVersionAsync(cancellationToken)),
            new Dictionary<string, string?>
            {
                ["data_directory"] = Path.GetFullPath(options.DataDirectory),
                ["config_path"] = options.ConfigPath,
                ["admin_key"] = options.AdminKey is null ? "generated (hash stored)" : SecretRedaction.Mask(options.AdminKey),
                ["master_key"] = env("SWITCHBOARD_MASTER_KEY") is { Length: > 0 } || env("LLM_KEY") is { Length: > 0 } ? "set from environment (hidden)" : "file beside the database (hidden)",
                ["seed_demo_platform"] = Text(options.SeedDemoPlatform),
            },
            new Dictionary<string, string?>
            {
                ["max_attempts"] = Text(gateway.Value.MaxAttempts),
                ["first_byte_timeout"] = Text(gateway.Value.FirstByteTimeout),
                ["idle_timeout"] = Text(gateway.Value.IdleTimeout),
                ["total_timeout"] = Text(gateway.Value.TotalTimeout),
                ["attempt_deadline"] = Text(gateway.Value.AttemptDeadline),
                ["always_include_stream_usage"] = Text(gateway.Value.AlwaysIncludeStreamUsage),
                ["max_request_body_bytes"] = Text(gateway.Value.MaxRequestBodyBytes),
            },
            new Dictionary<string, string?>
            {
                ["raw_retention"] = Text(usage.Value.RawRetention),
                ["maintenance_interval"] = Text(usage.Value.MaintenanceInterval),
                ["journal_path"] = usage.Value.JournalPath ?? Path.Combine(options.KeyDirectory, "usage-journal.jsonl"),
            },
            new Dictionary<string, string?>
            {
                ["prometheus"] = "/metrics",
                ["otlp_endpoint"] = SecretRedaction.Url(env("OTEL_EXPORTER_OTLP_ENDPOINT")),
                ["otlp_protocol"] = env("OTEL_EXPORTER_OTLP_PROTOCOL"),
                ["otlp_headers"] = env("OTEL_EXPORTER_OTLP_HEADERS") is { Length: > 0 } ? SecretMasker() : null,
                ["service_name"] = env("OTEL_SERVICE_NAME"),
            },
            settings,
            platforms,
            catalog,
            data.VirtualKeys.Count);
        return TypedResults.Ok(view);
    }

    private static string SecretMasker() => Core.Secrets.SecretMasker.FullMask;

    private static string Text(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";
}
