using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;

namespace Switchboard.Catalog;

/// <summary>Reads what one system platform serves and compares it with the platform's stored models.</summary>
/// <remarks>
/// A provider that can list models is asked through the regular upstream client with one of the platform's server
/// keys: system platforms are operator-configured, so they are not SSRF-guarded like users' probes. A provider that
/// cannot — or a platform whose <c>model_list</c> option is <c>configured</c> — is compared with the platforms file.
/// Failures are values: one platform's error never stops the others.
/// </remarks>
internal sealed partial class ModelDiscovery(RoutingState routingState, Func<(PlatformsFile? File, string? Error)> platformsFile, ILogger logger)
{
    private static readonly UpstreamTimeouts Timeouts = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));

    /// <summary>Reads the platform's model list and returns its difference from <paramref name="stored"/> (every stored model of the platform, disabled ones included).</summary>
    public async Task<PlatformDiff> DiffAsync(PlatformConfig platform, PlatformEntry? entry, IReadOnlyList<PlatformModelConfig> stored, CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            return PlatformDiff.Failed(platform, platform.Kind, "platform_unavailable", $"Platform '{platform.Name}' could not be loaded (unknown kind or invalid base URL).");
        }

        var provider = entry.Provider.Name;
        var configuredOnly = string.Equals(platform.Options.GetValueOrDefault(ModelListSources.OptionName), ModelListSources.Configured, StringComparison.OrdinalIgnoreCase);
        if (entry.Provider is IModelListProvider lister && !configuredOnly)
        {
            var (models, error) = await ListUpstreamAsync(entry, lister, cancellationToken).ConfigureAwait(false);
            return error is not null
                ? PlatformDiff.Failed(platform, provider, error.Code, error.Message)
                : Compare(new PlatformDiff(platform, provider, ModelListSources.Upstream, null), models!, stored, m => m.UpstreamModel);
        }

        var (file, fileError) = platformsFile();
        if (fileError is not null)
        {
            return PlatformDiff.Failed(platform, provider, "invalid_config_file", fileError);
        }

        var seed = file?.Platforms.FirstOrDefault(p => string.Equals(p.Platform.Name, platform.Name, StringComparison.Ordinal));
        if (seed is null)
        {
            return Compare(new PlatformDiff(platform, provider, ModelListSources.Stored, null), [.. stored.Select(m => new DiscoveredModel(m, null))], stored, m => m.DisplayName);
        }

        var configured = seed.Models.Select(m => new DiscoveredModel(m with { Id = 0, PlatformId = platform.Id, Enabled = true }, null)).ToArray();
        return Compare(new PlatformDiff(platform, provider, ModelListSources.Configured, null), configured, stored, m => m.DisplayName);
    }

    private static PlatformDiff Compare(PlatformDiff diff, IReadOnlyList<DiscoveredModel> served, IReadOnlyList<PlatformModelConfig> stored, Func<PlatformModelConfig, string> identity)
    {
        var servedKeys = served.Select(d => identity(d.Model)).ToHashSet(StringComparer.Ordinal);
        var storedKeys = stored.Select(identity).ToHashSet(StringComparer.Ordinal);
        var names = stored.Select(m => m.DisplayName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var model in served.DistinctBy(d => identity(d.Model), StringComparer.Ordinal))
        {
            if (storedKeys.Contains(identity(model.Model)))
            {
                continue;
            }

            (names.Add(model.Model.DisplayName) ? diff.Added : diff.Conflicts).Add(model);
        }

        foreach (var model in stored)
        {
            if (servedKeys.Contains(identity(model)))
            {
                diff.Unchanged.Add(model);
            }
            else if (model.Enabled)
            {
                diff.Missing.Add(model);
            }
        }

        return diff;
    }

    private async Task<(IReadOnlyList<DiscoveredModel>? Models, GatewayError? Error)> ListUpstreamAsync(PlatformEntry entry, IModelListProvider lister, CancellationToken cancellationToken)
    {
        var now = routingState.NowTicks;
        var key = entry.Keys.FirstOrDefault(k => !routingState.Get(k.Id).IsCooling(now) && !routingState.Get(k.Id).IsInvalid(k.Fingerprint)) ?? (entry.Keys.Count > 0 ? entry.Keys[0] : null);
        if (key is null && entry.RequiresKey)
        {
            return (null, GatewayErrors.NoApiKey(entry.Name));
        }

        try
        {
            var target = new UpstreamTarget { Endpoint = entry.Endpoint, UpstreamModel = string.Empty, ApiKey = key?.Secret };
            var result = await lister.ListModelsAsync(target, Timeouts, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return (null, GatewayErrors.FromUpstream(result.Error!, entry.Name, key?.Secret));
            }

            var platformId = entry.Config.Id;
            return ([.. result.Value!.Models.Where(m => !string.IsNullOrWhiteSpace(m.Id)).Select(m => new DiscoveredModel(
                new PlatformModelConfig
                {
                    PlatformId = platformId,
                    DisplayName = m.Id,
                    UpstreamModel = m.Id,
                    ContextWindow = m.ContextWindow,
                    Type = ModelTypes.Infer(m.Id),
                },
                m.MaxOutputTokens))], null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Providers return expected failures as values; anything thrown is a bug or a transport fault, and only the log gets its details.
            LogListFailed(logger, e, entry.Name);
            return (null, new GatewayError(502, "upstream_error", "model_list_failed", $"Listing the models of platform '{entry.Name}' failed; see the server log."));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the models of platform '{Platform}' failed.")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string platform);
}
