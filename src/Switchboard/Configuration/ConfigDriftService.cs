using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Hosting;

namespace Switchboard.Configuration;

/// <summary>Reports how the database has drifted from the platforms file (<c>SWITCHBOARD_CONFIG</c>) for what a forced reset rewrites; it changes nothing.</summary>
/// <remarks>
/// The file is read as a reset reads it (<see cref="PlatformsFileLoader"/>, with the same environment and master key), so
/// the report is what <c>POST /api/ai/admin/reload-from-yaml</c> would do now: after a reset it is empty. The database is
/// the run-time authority; drift is expected after changes through the API and is not an error. Thread-safe.
/// </remarks>
public sealed class ConfigDriftService
{
    private readonly ISwitchboardStore _store;
    private readonly SwitchboardRuntime _runtime;
    private readonly IPlatformPresets _presets;
    private readonly SwitchboardOptions _options;

    internal ConfigDriftService(ISwitchboardStore store, SwitchboardRuntime runtime, IPlatformPresets presets, IOptions<SwitchboardOptions> options)
    {
        _store = store;
        _runtime = runtime;
        _presets = presets;
        _options = options.Value;
    }

    /// <summary>Compares the file with the database; no file configured is a 400 <c>no_config_file</c>, a file that does not load a 400 <c>invalid_config_file</c>.</summary>
    public async Task<(ConfigDriftView? Drift, GatewayError? Error)> CompareAsync(CancellationToken cancellationToken)
    {
        if (_options.ConfigPath is not { Length: > 0 } path)
        {
            return (null, GatewayErrors.InvalidRequest("No platforms file is configured (set SWITCHBOARD_CONFIG).", code: "no_config_file"));
        }

        PlatformsFile file;
        try
        {
            // Warnings come back in the report; logging them again on every look would only repeat the start-up log.
            file = PlatformsFileLoader.Load(path, _runtime.Sealer, _presets, _options.GetEnvironmentVariable, NullLogger.Instance);
        }
        catch (ConfigurationFileException e)
        {
            return (null, GatewayErrors.InvalidRequest(e.Message, code: "invalid_config_file"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, GatewayErrors.InvalidRequest($"The platforms file {Path.GetFileName(path)} cannot be read: {e.GetType().Name}.", code: "invalid_config_file"));
        }

        var data = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        return (Compare(Path.GetFileName(path), file, data), null);
    }

    private ConfigDriftView Compare(string fileName, PlatformsFile file, ConfigurationData data)
    {
        var stored = data.Platforms.Where(p => p.OwnerUserId == SystemUser.Id).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var comparer = new PlatformDriftComparer(data, _runtime.Sealer);
        var platforms = new List<PlatformDriftView>();
        foreach (var seed in file.Platforms)
        {
            if (comparer.Compare(seed, stored.Remove(seed.Platform.Name, out var current) ? current : null) is { } drift)
            {
                platforms.Add(drift);
            }
        }

        platforms.AddRange(stored.Values.OrderBy(p => p.Id).Select(comparer.Removed));
        var catalog = CatalogDriftComparer.Compare(file.Catalog, data.Catalog);
        var models = platforms.SelectMany(p => p.Models).ToList();
        var keys = platforms.SelectMany(p => p.Keys).ToList();
        var summary = new ConfigDriftSummary(
            platforms.Count(p => p.Change == DriftChanges.Added),
            platforms.Count(p => p.Change == DriftChanges.Removed),
            platforms.Count(p => p.Change == DriftChanges.Changed),
            models.Count(m => m.Change == DriftChanges.Added),
            models.Count(m => m.Change == DriftChanges.Removed),
            models.Count(m => m.Change == DriftChanges.Changed),
            keys.Count(k => k.Change == DriftChanges.Added),
            keys.Count(k => k.Change == DriftChanges.Removed),
            keys.Count(k => k.Change == DriftChanges.Changed),
            platforms.Sum(p => p.UsersKeysDropped),
            catalog.Count(c => c.Change == DriftChanges.Added),
            catalog.Count(c => c.Change == DriftChanges.Removed),
            catalog.Count(c => c.Change == DriftChanges.Changed));
        return new ConfigDriftView(fileName, platforms.Count == 0 && catalog.Count == 0, summary, platforms, catalog, file.Warnings);
    }
}
