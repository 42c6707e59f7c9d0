using Microsoft.Extensions.Logging;

namespace Switchboard.Core.Maintenance;

/// <summary>Deletes rows older than a retention on a fixed interval: the one template of every "keep N days" log.</summary>
public abstract partial class RetentionPurgeService(TimeProvider time, ILogger logger) : PeriodicMaintenanceService(time, logger)
{
    /// <summary>Gets how long rows are kept.</summary>
    protected abstract TimeSpan Retention { get; }

    /// <summary>Gets what the rows are called in the log line, e.g. "audit entries".</summary>
    protected abstract string RowsName { get; }

    /// <summary>Purges once now; returns how many rows went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow() - Retention;
        var purged = await PurgeAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            LogPurged(Logger, purged, RowsName, cutoff);
        }

        return purged;
    }

    /// <summary>Deletes the rows recorded before <paramref name="cutoff"/>; returns how many went.</summary>
    protected abstract Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} {Rows} older than {Cutoff}.")]
    private static partial void LogPurged(ILogger logger, int count, string rows, DateTimeOffset cutoff);
}
