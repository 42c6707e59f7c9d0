using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Idempotency;
using Switchboard.Core.Maintenance;

namespace Switchboard.Server.Idempotency;

/// <summary>Deletes idempotency keys whose retention has ended, on a fixed interval.</summary>
/// <remarks>Expired keys are already ignored by claims; the purge only keeps the table bounded. Replicas may all run it.</remarks>
internal sealed partial class IdempotencyMaintenanceService(IIdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyMaintenanceService> logger)
    : PeriodicMaintenanceService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Idempotency key purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.MaintenanceInterval;

    /// <summary>Runs one purge now.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await store.PurgeExpiredAsync(Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            LogPurged(Logger, purged);
        }
    }

    /// <inheritdoc />
    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired idempotency keys.")]
    private static partial void LogPurged(ILogger logger, int count);
}
