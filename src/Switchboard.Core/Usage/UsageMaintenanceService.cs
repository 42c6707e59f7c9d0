using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Core.Usage;

/// <summary>Rolls raw usage records older than the retention into hourly rows and purges them, on a fixed interval.</summary>
/// <remarks>Keeps the database bounded: raw records live <see cref="UsageOptions.RawRetention"/>, hourly rollups forever. Replicas may all run it; storage serialises the work.</remarks>
public sealed partial class UsageMaintenanceService(IUsageStore store, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageMaintenanceService> logger) : BackgroundService
{
    /// <summary>Runs one roll-up and purge now.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var result = await store.RollUpAndPurgeAsync(time.GetUtcNow() - options.Value.RawRetention, cancellationToken).ConfigureAwait(false);
        if (result.RecordsRolledUp > 0)
        {
            LogRolledUp(logger, result.RecordsRolledUp, result.HourlyRowsWritten, result.Cutoff);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.MaintenanceInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        // The first run waits a little so startup (migrations, seeding) is not slowed by a large first purge.
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
#pragma warning disable CA1031 // A failed run (database down) is retried at the next interval; it must not stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }

            delay = interval;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled {Records} usage records before {Cutoff} into {Rows} hourly rows and purged them.")]
    private static partial void LogRolledUp(ILogger logger, long records, long rows, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage roll-up and purge failed ({ExceptionType}: {Reason}); it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string exceptionType, string reason);
}
