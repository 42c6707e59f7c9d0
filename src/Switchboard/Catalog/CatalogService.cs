using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Core.Tenancy;
using Switchboard.Hosting;

namespace Switchboard.Catalog;

/// <summary>Lists and changes the unified catalog for the admin, syncs it with what platforms serve, and shows users what they may use — for the HTTP routes and for embedders.</summary>
/// <remarks>
/// Every change is written to storage in one transaction and then the routing snapshot is rebuilt, so the next request
/// sees it. Health comes from the live per-source state of this process. Errors come back as values in the gateway's
/// documented shape. Thread-safe singleton.
/// </remarks>
public sealed partial class CatalogService
{
    private const int MaxBatchIds = 1000;
    private const int MaxTags = 32;
    private const int MaxNameLength = 255;
    private const decimal MaxPricePerMillion = 1_000_000m;

    private readonly ISwitchboardStore _config;
    private readonly ICatalogStore _store;
    private readonly SwitchboardRuntime _runtime;
    private readonly SnapshotHolder _snapshots;
    private readonly RoutingState _routingState;
    private readonly ChatPipeline _pipeline;
    private readonly IPlatformPresets _presets;
    private readonly SwitchboardOptions _options;
    private readonly ILogger<CatalogService> _logger;
    private UserCatalogCache? _userCatalog;

    internal CatalogService(
        ISwitchboardStore config,
        ICatalogStore store,
        SwitchboardRuntime runtime,
        SnapshotHolder snapshots,
        RoutingState routingState,
        ChatPipeline pipeline,
        IPlatformPresets presets,
        IOptions<SwitchboardOptions> options,
        ILogger<CatalogService> logger)
    {
        _config = config;
        _store = store;
        _runtime = runtime;
        _snapshots = snapshots;
        _routingState = routingState;
        _pipeline = pipeline;
        _presets = presets;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Lists every catalog model, declared or derived, that matches the query, ordered by id.</summary>
    public async Task<(IReadOnlyList<CatalogModelView>? Models, GatewayError? Error)> ListAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Health is { } health && !CatalogHealth.All.Contains(health, StringComparer.OrdinalIgnoreCase))
        {
            return (null, GatewayErrors.InvalidRequest($"'health' must be one of {string.Join(", ", CatalogHealth.All)}.", "health", "invalid_value"));
        }

        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = _snapshots.Current;
        return ([.. CatalogAssembler.Build(data).Select(i => ToView(i, snapshot)).Where(v => Matches(v, query))], null);
    }

    /// <summary>Applies one batch change to every listed model, all or nothing, and reloads routing.</summary>
    /// <remarks>An unknown id is a 404 naming every unknown id, and nothing is written. A derived model is stored by its first change.</remarks>
    public async Task<(IReadOnlyList<CatalogModelView>? Models, GatewayError? Error)> UpdateAsync(CatalogBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (normalized, error) = CatalogBatchRules.Validate(batch, MaxBatchIds, MaxTags, MaxNameLength, MaxPricePerMillion);
        if (error is not null)
        {
            return (null, error);
        }

        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var items = ById(CatalogAssembler.Build(data));
        var unknown = normalized!.Ids.Where(id => !items.ContainsKey(id)).ToArray();
        if (unknown.Length > 0)
        {
            var names = string.Join(", ", unknown.Select(id => $"'{id}'"));
            return (null, new GatewayError(404, "invalid_request_error", "model_not_found", $"No catalog model {names}; nothing was changed.") { Param = "ids" });
        }

        var changed = normalized.Ids.Select(id => CatalogBatchRules.Apply(items[id].Model, normalized)).ToArray();
        await _store.SaveCatalogModelsAsync(changed, cancellationToken).ConfigureAwait(false);
        await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        LogBatchApplied(_logger, changed.Length);

        var after = ById(CatalogAssembler.Build(await _config.LoadAsync(cancellationToken).ConfigureAwait(false)));
        var snapshot = _snapshots.Current;
        return ([.. changed.Select(m => after.GetValueOrDefault(m.Id)).OfType<CatalogItem>().Select(i => ToView(i, snapshot))], null);
    }

    /// <summary>Lists the catalog models a caller may use, grouped by tag and by type, without naming any provider, platform or key.</summary>
    /// <remarks>Uses the same per-caller filter as <c>GET /v1/models</c>; models on the caller's own private platforms are left out.</remarks>
    public async Task<GroupedModelsView> ListGroupedAsync(CallerIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var details = await UserCatalogAsync(cancellationToken).ConfigureAwait(false);
        var models = _pipeline.ListModels(caller)
            .Where(m => m.Sources.All(s => s.Platform.Config.OwnerUserId == SystemUser.Id))
            .Select(m => ToUserView(m, details.GetValueOrDefault(m.Id)))
            .OrderBy(m => m.Id, StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var byTag = models
            .SelectMany(m => m.Tags.Select(t => (Tag: t, Model: m)))
            .GroupBy(p => p.Tag, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ModelGroupView(g.Key, [.. g.Select(p => p.Model)]))
            .ToArray();
        var byType = models
            .GroupBy(m => m.Type, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ModelGroupView(g.Key, [.. g]))
            .ToArray();
        return new GroupedModelsView(byTag, byType, [.. models.Where(m => m.Featured)]);
    }

    private static Dictionary<string, CatalogItem> ById(IEnumerable<CatalogItem> items)
    {
        var byId = new Dictionary<string, CatalogItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            byId.TryAdd(item.Model.Id, item);
        }

        return byId;
    }

    private static bool Matches(CatalogModelView model, CatalogQuery query)
    {
        const StringComparison Ignore = StringComparison.OrdinalIgnoreCase;
        return (query.Tag is not { Length: > 0 } tag || model.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            && (query.Type is not { Length: > 0 } type || string.Equals(model.Type, type, Ignore))
            && (query.Health is not { Length: > 0 } health || string.Equals(model.Health, health, Ignore))
            && (query.Active is not { } active || model.Active == active)
            && (query.Provider is not { Length: > 0 } provider || model.Sources.Any(s =>
                string.Equals(s.Provider, provider, Ignore) || string.Equals(s.Preset, provider, Ignore) || string.Equals(s.Platform, provider, Ignore)))
            && (query.Search is not { Length: > 0 } text
                || model.Id.Contains(text, Ignore)
                || model.DisplayName.Contains(text, Ignore)
                || model.CustomName?.Contains(text, Ignore) == true
                || model.Sources.Any(s => s.Model.Contains(text, Ignore) || s.UpstreamModel?.Contains(text, Ignore) == true));
    }

    private CatalogModelView ToView(CatalogItem item, RoutingSnapshot snapshot)
    {
        var model = item.Model;
        var sources = item.Sources.Select(s => ToSourceView(s, snapshot)).ToArray();
        var costs = item.Sources.Where(s => s.IsEnabled).Select(s => s.Model!).ToArray();
        var margin = costs.Length == 0
            ? null
            : new CatalogPriceView(
                model.UserInputPricePerMillion - costs.Max(c => c.InputPricePerMillion),
                model.UserOutputPricePerMillion - costs.Max(c => c.OutputPricePerMillion));
        return new CatalogModelView(
            model.Id,
            model.DisplayName ?? model.Id,
            model.CustomName,
            model.Type,
            item.Capabilities,
            item.ContextWindow,
            model.MaxOutputTokens,
            new CatalogPriceView(model.UserInputPricePerMillion, model.UserOutputPricePerMillion, model.UserCachedInputPricePerMillion, model.UserCacheWritePricePerMillion),
            margin,
            model.Tags,
            model.TierRequired,
            model.Active,
            model.Featured,
            item.Declared,
            model.Strategy,
            CatalogHealth.Derive([.. sources.Select(s => s.Health)]),
            sources,
            model.CacheTtlSeconds);
    }

    private CatalogSourceView ToSourceView(CatalogItemSource source, RoutingSnapshot snapshot)
    {
        var live = source.IsEnabled ? LiveSource(snapshot, source) : null;
        return new CatalogSourceView(
            source.Config.PlatformName,
            live?.Platform.Provider.Name ?? source.Platform?.Kind,
            source.Platform?.Preset,
            source.Config.ModelDisplayName,
            source.Model?.UpstreamModel,
            source.Config.Priority,
            source.Config.Weight,
            source.Model is { } m ? new CatalogPriceView(m.InputPricePerMillion, m.OutputPricePerMillion, m.CachedInputPricePerMillion, m.CacheWritePricePerMillion, m.CacheWrite1HourPricePerMillion) : null,
            source.IsEnabled,
            live is null ? CatalogHealth.SourceOff : _routingState.Describe(live).Level);
    }

    /// <summary>Finds the routable source of a platform model in the snapshot through its exact <c>Platform/Model</c> address.</summary>
    private static SourceEntry? LiveSource(RoutingSnapshot snapshot, CatalogItemSource source) =>
        snapshot.FindModel($"{source.Platform!.Name}/{source.Model!.DisplayName}") is { Listed: false, Sources: [var only] } && only.Model.Id == source.Model.Id
            ? only
            : null;

    private static UserModelView ToUserView(CatalogEntry entry, CatalogItem? item)
    {
        var model = item?.Model;
        return new UserModelView(
            entry.Id,
            model?.CustomName ?? entry.DisplayName,
            entry.Type,
            entry.Tags,
            item?.Capabilities ?? [],
            entry.ContextWindow ?? item?.ContextWindow,
            model?.MaxOutputTokens,
            model?.Featured ?? false,
            new CatalogPriceView(entry.UserInputPricePerMillion, entry.UserOutputPricePerMillion, entry.UserCachedInputPricePerMillion, entry.UserCacheWritePricePerMillion));
    }

    /// <summary>Gets the stored details the snapshot does not carry (names, capabilities, featured, output cap), read again after each reload.</summary>
    private async Task<IReadOnlyDictionary<string, CatalogItem>> UserCatalogAsync(CancellationToken cancellationToken)
    {
        // The version is read first: a reload that lands during the read makes the next call read again.
        var version = _snapshots.Current.Version;
        if (Volatile.Read(ref _userCatalog) is { } cached && cached.Version == version)
        {
            return cached.Items;
        }

        var items = ById(CatalogAssembler.Build(await _config.LoadAsync(cancellationToken).ConfigureAwait(false)));
        Volatile.Write(ref _userCatalog, new UserCatalogCache(version, items));
        return items;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog batch change applied to {Count} models.")]
    private static partial void LogBatchApplied(ILogger logger, int count);

    private sealed record UserCatalogCache(long Version, IReadOnlyDictionary<string, CatalogItem> Items);
}
