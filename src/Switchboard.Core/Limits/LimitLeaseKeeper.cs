using Microsoft.Extensions.Logging;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Limits;

/// <summary>Writes the spend of requests served from this replica's slices every <see cref="LimitOptions.LeaseFlushInterval"/>, and gives back the slices it no longer uses.</summary>
/// <remarks>Settlement in batches: one transaction per interval for every scope this replica served, however many requests it served.</remarks>
public sealed class LimitLeaseKeeper(LimitGate gate, TimeProvider time, ILogger<LimitLeaseKeeper> logger) : PeriodicMaintenanceService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Budget and rate slice writer";

    /// <inheritdoc />
    protected override TimeSpan Interval => gate.FlushInterval;

    /// <inheritdoc />
    protected override Task RunJobAsync(CancellationToken cancellationToken)
    {
        gate.FlushSlices();
        return Task.CompletedTask;
    }
}
