using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Usage;

/// <summary>Rolls raw usage records older than the retention into hourly rows and purges them, on a fixed interval.</summary>
/// <remarks>Keeps the database bounded: raw records live <see cref="UsageOptions.RawRetention"/>, hourly rollups forever.</remarks>
public sealed partial class UsageMaintenanceService(IUsageStore store, IOptions<UsageOptions> options, TimeProvider time, ILogger<UsageMaintenanceService> logger)
    : PeriodicMaintenanceService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Usage roll-up and purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.MaintenanceInterval;

    /// <summary>Runs one roll-up and purge now.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var result = await store.RollUpAndPurgeAsync(Time.GetUtcNow() - options.Value.RawRetention, cancellationToken).ConfigureAwait(false);
        if (result.RecordsRolledUp > 0)
        {
            LogRolledUp(Logger, result.RecordsRolledUp, result.HourlyRowsWritten, result.Cutoff);
        }
    }

    /// <inheritdoc />
    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled {Records} usage records before {Cutoff} into {Rows} hourly rows and purged them.")]
    private static partial void LogRolledUp(ILogger logger, long records, long rows, DateTimeOffset cutoff);
}
