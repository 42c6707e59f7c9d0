using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Audit;

/// <summary>Deletes audit entries older than the retention, every <see cref="AuditOptions.PurgeInterval"/>.</summary>
public sealed partial class AuditMaintenanceService(IAuditStore store, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditMaintenanceService> logger)
    : PeriodicMaintenanceService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Audit log purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    /// <summary>Purges once now; returns how many entries went.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = Time.GetUtcNow() - options.Value.Retention;
        var purged = await store.PurgeAuditAsync(cutoff, cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            LogPurged(Logger, purged, cutoff);
        }

        return purged;
    }

    /// <inheritdoc />
    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} audit entries older than {Cutoff}.")]
    private static partial void LogPurged(ILogger logger, int count, DateTimeOffset cutoff);
}
