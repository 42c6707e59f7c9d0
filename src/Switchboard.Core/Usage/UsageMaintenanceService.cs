using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Usage;

/// <summary>Purges raw usage records older than the retention (their hourly and daily rollups stay), and deletes expired stored responses, on a fixed interval.</summary>
/// <remarks>
/// Keeps the database bounded: raw records live <see cref="UsageOptions.RawRetention"/>, hourly and daily rollups forever, and
/// stored Responses API responses until their own expiry (each row carries it, so the purge needs no setting here).
/// </remarks>
public sealed partial class UsageMaintenanceService(
    IUsageStore store, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageMaintenanceService> logger, IResponseStore? responses = null)
    : PeriodicMaintenanceService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Usage purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.MaintenanceInterval;

    /// <summary>Runs one purge now.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var result = await store.RollUpAndPurgeAsync(now - options.Value.RawRetention, cancellationToken).ConfigureAwait(false);
        if (result.RecordsRolledUp > 0)
        {
            LogPurged(Logger, result.RecordsRolledUp, result.Cutoff);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Records} raw usage records before {Cutoff}; their hourly and daily rollups stay.")]
    private static partial void LogPurged(ILogger logger, long records, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired stored responses.")]
    private static partial void LogResponsesPurged(ILogger logger, int count);
}
