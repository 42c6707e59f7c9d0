using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Audit;

/// <summary>Deletes audit entries older than <see cref="AuditOptions.Retention"/>, every <see cref="AuditOptions.PurgeInterval"/>.</summary>
public sealed class AuditMaintenanceService(IAuditStore store, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditMaintenanceService> logger)
    : RetentionPurgeService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Audit log purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    /// <inheritdoc />
    protected override TimeSpan Retention => options.Value.Retention;

    /// <inheritdoc />
    protected override string RowsName => "audit entries";

    /// <inheritdoc />
    protected override Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => store.PurgeAuditAsync(cutoff, cancellationToken);
}
