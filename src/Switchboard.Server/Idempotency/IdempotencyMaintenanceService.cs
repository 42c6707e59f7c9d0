using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Idempotency;
using Switchboard.Core.Maintenance;

namespace Switchboard.Server.Idempotency;

/// <summary>Deletes idempotency keys whose retention has ended, on a fixed interval.</summary>
/// <remarks>
/// Each key carries its own expiry (its claim time plus the retention in force then), so the cutoff is simply now.
/// Expired keys are already ignored by claims; the purge only keeps the table bounded. Replicas may all run it.
/// </remarks>
internal sealed class IdempotencyMaintenanceService(IIdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyMaintenanceService> logger)
    : RetentionPurgeService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Idempotency key purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.MaintenanceInterval;

    /// <inheritdoc />
    protected override TimeSpan Retention => TimeSpan.Zero;

    /// <inheritdoc />
    protected override string RowsName => "expired idempotency keys";

    /// <inheritdoc />
    protected override Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => store.PurgeExpiredAsync(cutoff, cancellationToken);
}
