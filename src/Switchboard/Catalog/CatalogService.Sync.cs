using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Configuration;
using Switchboard.Core.Errors;

namespace Switchboard.Catalog;

/// <summary>Model sync: discover what each system platform serves, show the difference, and apply the chosen part of it.</summary>
public sealed partial class CatalogService
{
    /// <summary>The tag a catalog model created by a sync carries until an admin removes it.</summary>
    public const string NewTag = "new";

    /// <summary>Discovers every enabled system platform's models (or the named ones) and returns the difference from what is stored; nothing is changed.</summary>
    public async Task<(CatalogSyncView? Diff, GatewayError? Error)> SyncAsync(IReadOnlyList<string>? platforms, CancellationToken cancellationToken)
    {
        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var (diffs, error) = await DiffAsync(data, platforms, cancellationToken).ConfigureAwait(false);
        return error is not null ? (null, error) : (ToView(diffs!), null);
    }

    /// <summary>Discovers again and applies the chosen entries of the fresh difference: adds new models (with catalog models or sources) and disables missing ones.</summary>
    /// <remarks>
    /// Entries are matched against a fresh diff, never taken on trust, so an entry that is no longer pending (already
    /// applied, or changed upstream since) is skipped and reported. Applying the same selection twice changes nothing
    /// the second time. Models are disabled, never deleted, so usage history and slots keep their references.
    /// </remarks>
    public async Task<(CatalogSyncApplyView? Result, GatewayError? Error)> ApplySyncAsync(CatalogSyncSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!selection.All && selection.Entries.Count == 0)
        {
            return (null, GatewayErrors.InvalidRequest("Choose what to apply: 'all': true, or 'entries' from the sync diff.", "entries", "missing_field"));
        }

        if (selection.Entries.Any(e => e is null || string.IsNullOrWhiteSpace(e.Platform) || string.IsNullOrWhiteSpace(e.Model)
                || e.Action is not (CatalogSyncActions.Add or CatalogSyncActions.Disable)))
        {
            return (null, GatewayErrors.InvalidRequest(
                $"Every entry needs 'platform', 'model' and an 'action' of '{CatalogSyncActions.Add}' or '{CatalogSyncActions.Disable}'.", "entries", "invalid_value"));
        }

        var data = await _config.LoadAsync(cancellationToken).ConfigureAwait(false);
        var (diffs, error) = await DiffAsync(data, selection.Platforms, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        var chosen = selection.Entries.ToHashSet(new EntryComparer());
        var matched = new HashSet<CatalogSyncEntry>(new EntryComparer());
        bool Chosen(string platform, string model, string action)
        {
            var entry = new CatalogSyncEntry(platform, model, action);
            if (chosen.Contains(entry))
            {
                matched.Add(entry);
                return true;
            }

            return selection.All;
        }

        var adds = diffs!.SelectMany(d => d.Added.Where(m => Chosen(d.Platform.Name, m.Model.DisplayName, CatalogSyncActions.Add)).Select(m => (d.Platform, Model: m))).ToArray();
        var disables = diffs!.SelectMany(d => d.Missing.Where(m => Chosen(d.Platform.Name, m.DisplayName, CatalogSyncActions.Disable))).ToArray();
        var changes = new CatalogSyncChanges
        {
            AddModels = [.. adds.Select(a => a.Model.Model)],
            DisableModelIds = [.. disables.Select(m => m.Id)],
            Catalog = CatalogFor(data, adds),
        };
        var counts = await _store.ApplyCatalogSyncAsync(changes, cancellationToken).ConfigureAwait(false);
        if (counts is not { ModelsAdded: 0, ModelsDisabled: 0, CatalogModelsAdded: 0, SourcesAdded: 0 })
        {
            await _runtime.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        LogSyncApplied(_logger, counts.ModelsAdded, counts.ModelsDisabled, counts.CatalogModelsAdded, counts.SourcesAdded);
        return (new CatalogSyncApplyView(
            counts.ModelsAdded,
            counts.ModelsDisabled,
            counts.CatalogModelsAdded,
            counts.SourcesAdded,
            [.. selection.Entries.Where(e => !matched.Contains(e))],
            [.. diffs!.Where(d => d.Error is not null).Select(ToView)]), null);
    }

    /// <summary>Returns the catalog rows new platform models need: a new catalog model with the <see cref="NewTag"/> tag, or one more source for a stored model of that id.</summary>
    /// <remarks>A name that is already a derived model needs nothing: the platform model joins it as a source by itself.</remarks>
    private static List<CatalogModelConfig> CatalogFor(ConfigurationData data, IEnumerable<(PlatformConfig Platform, DiscoveredModel Model)> adds)
    {
        var existing = ById(CatalogAssembler.Build(data));
        var pending = new Dictionary<string, CatalogModelConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var (platform, discovered) in adds)
        {
            var model = discovered.Model;
            var source = new CatalogSourceConfig(platform.Name, model.DisplayName);
            if (pending.TryGetValue(model.DisplayName, out var queued))
            {
                pending[model.DisplayName] = queued with { Sources = [.. queued.Sources, source] };
            }
            else if (existing.TryGetValue(model.DisplayName, out var item))
            {
                if (item.Declared)
                {
                    pending[model.DisplayName] = item.Model with { Sources = [source] };
                }
            }
            else
            {
                pending[model.DisplayName] = new CatalogModelConfig
                {
                    Id = model.DisplayName,
                    Type = model.Type,
                    ContextWindow = model.ContextWindow,
                    MaxOutputTokens = discovered.MaxOutputTokens,
                    Tags = [NewTag],
                    Sources = [source],
                };
            }
        }

        return [.. pending.Values];
    }

    private async Task<(IReadOnlyList<PlatformDiff>? Diffs, GatewayError? Error)> DiffAsync(ConfigurationData data, IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var platforms = data.Platforms.Where(p => p.OwnerUserId == SystemUser.Id && p.Enabled).OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();
        if (names is { Count: > 0 })
        {
            var unknown = names.Where(n => !platforms.Any(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (unknown.Length > 0)
            {
                return (null, new GatewayError(404, "invalid_request_error", "platform_not_found",
                    $"No enabled system platform {string.Join(", ", unknown.Select(n => $"'{n}'"))}.") { Param = "platforms" });
            }

            platforms = [.. platforms.Where(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase))];
        }

        var snapshot = _snapshots.Current;
        var file = new Lazy<(PlatformsFile?, string?)>(ReadPlatformsFile);
        var discovery = new ModelDiscovery(_routingState, () => file.Value, _logger);
        var tasks = platforms.Select(p => discovery.DiffAsync(
            p,
            snapshot.Platforms.GetValueOrDefault(p.Name) is { } entry && entry.Config.Id == p.Id ? entry : null,
            [.. data.Models.Where(m => m.PlatformId == p.Id)],
            cancellationToken));
        return (await Task.WhenAll(tasks).ConfigureAwait(false), null);
    }

    private (PlatformsFile? File, string? Error) ReadPlatformsFile()
    {
        if (_options.ConfigPath is not { Length: > 0 } path)
        {
            return (null, null);
        }

        try
        {
            return (PlatformsFileLoader.Load(path, _runtime.Sealer, _presets, _options.GetEnvironmentVariable, _logger), null);
        }
        catch (ConfigurationFileException e)
        {
            return (null, e.Message);
        }
    }

    private static CatalogSyncView ToView(IReadOnlyList<PlatformDiff> diffs) => new(
        [.. diffs.Select(ToView)],
        diffs.Sum(d => d.Added.Count),
        diffs.Sum(d => d.Missing.Count),
        diffs.Sum(d => d.Unchanged.Count),
        diffs.Count(d => d.Error is not null));

    private static PlatformSyncView ToView(PlatformDiff diff) => new(
        diff.Platform.Name,
        diff.Provider,
        diff.ListSource,
        diff.Error,
        [.. diff.Added.Select(ToView)],
        [.. diff.Missing.Select(m => new SyncModelView(m.DisplayName, m.UpstreamModel, m.Type, m.ContextWindow, null, m.Id))],
        [.. diff.Conflicts.Select(m => ToView(m) with { Reason = $"The platform already has another model named '{m.Model.DisplayName}'." })],
        [.. diff.Unchanged.Select(m => m.DisplayName)]);

    private static SyncModelView ToView(DiscoveredModel model) =>
        new(model.Model.DisplayName, model.Model.UpstreamModel, model.Model.Type, model.Model.ContextWindow, model.MaxOutputTokens);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog sync applied: {ModelsAdded} models added, {ModelsDisabled} disabled, {CatalogModelsAdded} catalog models and {SourcesAdded} sources added.")]
    private static partial void LogSyncApplied(ILogger logger, int modelsAdded, int modelsDisabled, int catalogModelsAdded, int sourcesAdded);

    /// <summary>Matches entries by platform (any case), model name (exact) and action.</summary>
    private sealed class EntryComparer : IEqualityComparer<CatalogSyncEntry>
    {
        public bool Equals(CatalogSyncEntry? x, CatalogSyncEntry? y) =>
            x is not null && y is not null
            && StringComparer.OrdinalIgnoreCase.Equals(x.Platform, y.Platform)
            && StringComparer.Ordinal.Equals(x.Model, y.Model)
            && StringComparer.OrdinalIgnoreCase.Equals(x.Action, y.Action);

        public int GetHashCode(CatalogSyncEntry obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Platform), StringComparer.Ordinal.GetHashCode(obj.Model), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Action));
    }
}
