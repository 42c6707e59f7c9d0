using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Pricing;
using Switchboard.Core.Routing.Strategies;
using Switchboard.Core.Tenancy;

namespace Switchboard.Core.Routing;

/// <summary>Builds a <see cref="RoutingSnapshot"/> from stored configuration: resolves kinds and presets, unseals keys, assembles the catalog.</summary>
/// <remarks>
/// The catalog is the declared catalog models plus one model per distinct platform-model display name (sources on
/// several platforms with the same display name become one model with several sources), plus an unlisted exact
/// address <c>Platform/DisplayName</c> for every platform model.
/// </remarks>
internal sealed partial class SnapshotBuilder(
    IEnumerable<IProviderKind> providers,
    IPlatformPresets presets,
    Func<string, string, string, string?> unseal,
    ILogger logger,
    TenancyOptions? tenancyOptions = null)
{
    private readonly TenancyOptions _tenancyOptions = tenancyOptions ?? new TenancyOptions();

    private readonly FrozenDictionary<string, IProviderKind> _providers =
        providers.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public RoutingSnapshot Build(ConfigurationData data, long version)
    {
        ArgumentNullException.ThrowIfNull(data);
        var platforms = new Dictionary<long, PlatformEntry>();
        foreach (var platform in data.Platforms.Where(p => p.Enabled && p.OwnerUserId == SystemUser.Id))
        {
            if (BuildPlatform(platform, data.Keys) is { } entry)
            {
                platforms[platform.Id] = entry;
            }
        }

        var sourcesByPlatformModel = new Dictionary<(string Platform, string Model), SourceEntry>(new PairComparer());
        foreach (var model in data.Models.Where(m => m.Enabled))
        {
            if (platforms.TryGetValue(model.PlatformId, out var platform))
            {
                sourcesByPlatformModel[(platform.Name, model.DisplayName)] = BuildSource(platform, model, 0, 1);
            }
        }

        var models = new Dictionary<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase);
        var listed = new List<CatalogEntry>();
        foreach (var declared in data.Catalog.Where(c => c.Active))
        {
            var sources = declared.Sources
                .Select(s => sourcesByPlatformModel.TryGetValue((s.PlatformName, s.ModelDisplayName), out var src) ? BuildSource(src.Platform, src.Model, s.Priority, s.Weight) : null)
                .OfType<SourceEntry>()
                .OrderBy(s => s.Priority)
                .ToArray();
            var entry = new CatalogEntry
            {
                Id = declared.Id,
                DisplayName = declared.DisplayName ?? declared.Id,
                Type = declared.Type,
                OwnedBy = sources.FirstOrDefault()?.Platform.Name ?? "switchboard",
                UserInputPricePerMillion = declared.UserInputPricePerMillion,
                UserOutputPricePerMillion = declared.UserOutputPricePerMillion,
                UserCachedInputPricePerMillion = declared.UserCachedInputPricePerMillion,
                UserCacheWritePricePerMillion = declared.UserCacheWritePricePerMillion,
                ContextWindow = CatalogModelTraits.ContextWindow(declared.ContextWindow, sources.Select(s => s.Model)),
                Capabilities = CatalogModelTraits.Capabilities(declared.Capabilities, sources.Select(s => s.Model)),
                TierRequired = declared.TierRequired,
                Tags = declared.Tags,
                Strategy = declared.Strategy,
                CacheTtl = declared.CacheTtlSeconds is { } cacheTtl ? TimeSpan.FromSeconds(cacheTtl) : null,
                Sources = sources,
            };
            if (declared.Strategy is { } strategy && !RoutingStrategySet.BuiltIn.Contains(strategy))
            {
                LogUnknownStrategy(logger, declared.Id, strategy, RoutingStrategies.Default);
            }

            models[entry.Id] = entry;
            listed.Add(entry);
        }

        // A declared model an admin switched off stays off instead of coming back as the platform models of that name.
        var declaredIds = data.Catalog.Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var group in sourcesByPlatformModel.Values.GroupBy(s => s.Model.DisplayName, StringComparer.OrdinalIgnoreCase))
        {
            if (models.ContainsKey(group.Key) || declaredIds.Contains(group.Key))
            {
                continue;
            }

            var sources = group.OrderBy(s => s.Platform.Config.Id).ToArray();
            var first = sources[0];
            var entry = new CatalogEntry
            {
                Id = first.Model.DisplayName,
                DisplayName = first.Model.DisplayName,
                Type = first.Model.Type,
                OwnedBy = first.Platform.Name,
                ContextWindow = CatalogModelTraits.ContextWindow(null, sources.Select(s => s.Model)),
                Capabilities = CatalogModelTraits.Capabilities([], sources.Select(s => s.Model)),
                Sources = sources,
            };
            models[entry.Id] = entry;
            listed.Add(entry);
        }

        foreach (var source in sourcesByPlatformModel.Values)
        {
            var id = $"{source.Platform.Name}/{source.Model.DisplayName}";
            models.TryAdd(id, new CatalogEntry
            {
                Id = id,
                DisplayName = source.Model.DisplayName,
                Type = source.Model.Type,
                OwnedBy = source.Platform.Name,
                ContextWindow = source.Model.ContextWindow,
                Capabilities = source.Model.Capabilities,
                Listed = false,
                Sources = [source],
            });
        }

        var now = DateTimeOffset.UtcNow;
        var listedOrdered = listed.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        return new RoutingSnapshot
        {
            Tenancy = BuildTenancy(data, platforms, sourcesByPlatformModel.Values, listedOrdered),
            Models = models.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            ListedModels = listedOrdered,
            VirtualKeysByHash = SnapshotMap<string, VirtualKeyRecord>.Create(
                data.VirtualKeys.Where(k => IsUsable(k, now)).Select(k => KeyValuePair.Create(k.Hash, k)), StringComparer.Ordinal),
            Platforms = platforms.Values.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase),
            Settings = data.Settings.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            Version = version,
            ConfigVersion = data.ConfigVersion,
        };
    }

    internal PlatformEntry? BuildPlatform(PlatformConfig platform, IReadOnlyList<ApiKeyConfig> allKeys)
    {
        var preset = platform.Preset is { Length: > 0 } name ? presets.Find(name) : null;
        if (!_providers.TryGetValue(platform.Kind, out var provider))
        {
            LogUnknownKind(logger, platform.Name, platform.Kind);
            return null;
        }

        var baseUrl = string.IsNullOrWhiteSpace(platform.BaseUrl) ? preset?.BaseUrl ?? provider.DefaultBaseUrl : platform.BaseUrl;
        if (!Uri.TryCreate(baseUrl?.TrimEnd('/'), UriKind.Absolute, out var url))
        {
            LogBadBaseUrl(logger, platform.Name);
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in preset?.Options ?? FrozenDictionary<string, string>.Empty)
        {
            options[key] = value;
        }

        foreach (var (key, value) in platform.Options)
        {
            options[key] = value;
        }

        var endpoint = new UpstreamEndpoint
        {
            PlatformName = platform.Name,
            Kind = provider.Name,
            BaseUrl = url,
            Guarded = platform.OwnerUserId != SystemUser.Id,
            Headers = platform.Headers,
            Options = options.ToFrozenDictionary(StringComparer.Ordinal),
            ExtraBody = ParseObject(platform.ExtraBodyJson),
        };

        var keys = new List<KeyEntry>();
        foreach (var key in allKeys.Where(k => k.PlatformId == platform.Id && k.OwnerUserId == platform.OwnerUserId
                     && k.Status is ApiKeyStatus.Active or ApiKeyStatus.Cooling).OrderBy(k => k.Priority).ThenBy(k => k.Id))
        {
            if (UnsealKey(key, platform.Name) is { } entry)
            {
                keys.Add(entry);
            }
        }

        var requiresKey = provider.RequiresApiKey && (preset?.RequiresKey ?? true) && !string.Equals(platform.Options.GetValueOrDefault("requires_key"), "false", StringComparison.OrdinalIgnoreCase);
        return new PlatformEntry(platform, endpoint, provider, keys, requiresKey);
    }

    internal static SourceEntry BuildSource(PlatformEntry platform, PlatformModelConfig model, int priority, int weight)
    {
        model = CacheWritePrices.Resolve(model, platform.Provider);
        var extraBody = ParseObject(model.ExtraBodyJson);
        var targets = new List<SourceTarget>();
        foreach (var key in platform.Keys)
        {
            targets.Add(new SourceTarget(key, new UpstreamTarget { Endpoint = platform.Endpoint, UpstreamModel = model.UpstreamModel, ApiKey = key.Secret, ExtraBody = extraBody }, key.Id));
        }

        if (targets.Count == 0 && !platform.RequiresKey)
        {
            targets.Add(new SourceTarget(null, new UpstreamTarget { Endpoint = platform.Endpoint, UpstreamModel = model.UpstreamModel, ExtraBody = extraBody }, -platform.Config.Id));
        }

        return new SourceEntry(platform, model, priority, Math.Max(1, weight), targets);
    }

    private static JsonElement? ParseObject(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
    }

    /// <summary>Builds a copy of a source that calls the upstream with one given key (a user's own key).</summary>
    internal static SourceEntry BuildSourceForKey(SourceEntry source, KeyEntry key)
    {
        var template = source.Targets.Count > 0 ? source.Targets[0].Target : null;
        var target = new UpstreamTarget
        {
            Endpoint = source.Platform.Endpoint,
            UpstreamModel = source.Model.UpstreamModel,
            ApiKey = key.Secret,
            ExtraBody = template?.ExtraBody ?? ParseObject(source.Model.ExtraBodyJson),
        };
        return new SourceEntry(source.Platform, source.Model, source.Priority, source.Weight, [new SourceTarget(key, target, key.Id)]);
    }

    internal KeyEntry? UnsealKey(ApiKeyConfig key, string platformName)
    {
        var secret = unseal(key.SealedValue, key.OwnerUserId, platformName);
        if (secret is null)
        {
            LogUnsealFailed(logger, key.Id, platformName);
            return null;
        }

        return new KeyEntry(key.Id, secret, key.Masked, Math.Max(1, key.Weight), key.Priority) { Quota = key.Quota, Fingerprint = KeyFingerprint.Of(key) };
    }

    private sealed class PairComparer : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) x, (string, string) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Item1, y.Item1) && StringComparer.OrdinalIgnoreCase.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item1), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Item2));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog model '{Model}' names unknown routing strategy '{Strategy}'; '{Default}' is used.")]
    private static partial void LogUnknownStrategy(ILogger logger, string model, string strategy, string @default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform '{Platform}' has unknown kind '{Kind}' and is skipped.")]
    private static partial void LogUnknownKind(ILogger logger, string platform, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform '{Platform}' has no valid base URL and is skipped.")]
    private static partial void LogBadBaseUrl(ILogger logger, string platform);

    [LoggerMessage(Level = LogLevel.Error, Message = "Key {KeyId} of platform '{Platform}' could not be unsealed and is skipped.")]
    private static partial void LogUnsealFailed(ILogger logger, long keyId, string platform);
}
