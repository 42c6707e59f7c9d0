using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Core.Threading;

namespace Switchboard.Core.Maintenance;

/// <summary>Runs a maintenance job (a purge, a roll-up) on a fixed interval for the life of the host.</summary>
/// <remarks>
/// The first run waits a little (at most a minute) so startup, with its migrations and seeding, is not slowed by a
/// large first purge. A failed run (database down) is logged and retried at the next interval; it never stops the
/// host. Replicas may all run the same job; storage serialises the work. A zero or negative interval turns it off.
/// </remarks>
public abstract partial class PeriodicMaintenanceService(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Gets the clock the job runs by.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>Gets the job's logger.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>Gets the job's name for the failure log line, e.g. "Routing log purge".</summary>
    protected abstract string JobName { get; }

    /// <summary>Gets the time between runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Runs the job once.</summary>
    protected abstract Task RunJobAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    /// <remarks>The loop runs on its own thread (see <see cref="DedicatedThread"/>): storage waits never hold a pool thread.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.Run("switchboard-maintenance", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        var delay = TimeSpan.FromSeconds(Math.Min(60, interval.TotalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, Time, stoppingToken);
                await RunJobAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed run (database down) is retried at the next interval; it must not stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(Logger, JobName, ex.GetType().Name, ex.Message);
            }

            delay = interval;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed ({ExceptionType}: {Reason}); it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string job, string exceptionType, string reason);
}
