using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Core.Routing.Log;

/// <summary>Purges routing log entries older than the retention, on a fixed interval.</summary>
/// <remarks>Runs like the usage maintenance job: the first purge waits a little after startup; a failed run is retried at the next interval. Replicas may all run it.</remarks>
public sealed partial class RoutingLogMaintenanceService(IRoutingLogStore store, IOptions<RoutingLogOptions> options, TimeProvider time, ILogger<RoutingLogMaintenanceService> logger)
    : BackgroundService
{
    /// <summary>Purges once now; returns how many entries went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var purged = await store.PurgeRoutingLogAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            LogPurged(logger, purged, cutoff);
        }

        return purged;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PurgeInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(60, interval.TotalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed purge (database down) is retried at the next interval; it must not stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }

            delay = interval;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} routing log entries older than {Cutoff}.")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing log purge failed ({ExceptionType}: {Reason}); it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string exceptionType, string reason);
}
