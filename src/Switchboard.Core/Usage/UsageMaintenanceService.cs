using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Usage;

/// <summary>Rolls raw usage records older than the retention into hourly rows and purges them, and deletes expired stored responses, on a fixed interval.</summary>
/// <remarks>
/// Keeps the database bounded: raw records live <see cref="UsageOptions.RawRetention"/>, hourly rollups forever, and
/// stored Responses API responses until their own expiry (each row carries it, so the purge needs no setting here).
/// </remarks>
public sealed partial class UsageMaintenanceService(
    IUsageStore store, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageMaintenanceService> logger, IResponseStore? responses = null)
    : PeriodicMaintenanceService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Usage roll-up and purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.MaintenanceInterval;

    /// <summary>Runs one roll-up and purge now.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var result = await store.RollUpAndPurgeAsync(now - options.Value.RawRetention, cancellationToken).ConfigureAwait(false);
        if (result.RecordsRolledUp > 0)
        {
            LogRolledUp(Logger, result.RecordsRolledUp, result.HourlyRowsWritten, result.Cutoff);
        }

        if (responses is not null)
        {
            var expired = await responses.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
            if (expired > 0)
            {
                LogResponsesPurged(Logger, expired);
            }
        }
    }

    /// <inheritdoc />
    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled {Records} usage records before {Cutoff} into {Rows} hourly rows and purged them.")]
    private static partial void LogRolledUp(ILogger logger, long records, long rows, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired stored responses.")]
    private static partial void LogResponsesPurged(ILogger logger, int count);
}
