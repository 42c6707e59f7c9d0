using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Routing.Log;

/// <summary>Purges routing log entries older than the retention, every <see cref="RoutingLogOptions.PurgeInterval"/>.</summary>
public sealed class RoutingLogMaintenanceService(IRoutingLogStore store, IOptions<RoutingLogOptions> options, TimeProvider time, ILogger<RoutingLogMaintenanceService> logger)
    : RetentionPurgeService(time, logger)
{
    /// <inheritdoc />
    protected override string JobName => "Routing log purge";

    /// <inheritdoc />
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    /// <inheritdoc />
    protected override TimeSpan Retention => options.Value.Retention;

    /// <inheritdoc />
    protected override string RowsName => "routing log entries";

    /// <inheritdoc />
    protected override Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => store.PurgeRoutingLogAsync(cutoff, cancellationToken);
}
