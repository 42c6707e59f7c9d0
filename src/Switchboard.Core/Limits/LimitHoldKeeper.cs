using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Core.Maintenance;

namespace Switchboard.Core.Limits;

/// <summary>Keeps this process's budget reservations its own and gives back those of processes that died, so a crash never blocks a budget for the rest of its period.</summary>
/// <remarks>
/// Every <see cref="LimitOptions.HolderHeartbeat"/> it tells the store this process is alive and releases the holds of any
/// process unseen for <see cref="LimitOptions.HolderTimeout"/>. When the host stops it waits briefly for settlements under
/// way, so a graceful stop leaves nothing reserved. Replicas all run it; storage serialises the work.
/// </remarks>
public sealed partial class LimitHoldKeeper(LimitGate gate, IOptions<LimitOptions> options, TimeProvider time, ILogger<LimitHoldKeeper> logger)
    : PeriodicMaintenanceService(time, logger)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override string JobName => "Budget reservation keeper";

    /// <inheritdoc />
    protected override TimeSpan Interval => gate.Store is null ? TimeSpan.Zero : options.Value.HolderHeartbeat;

    /// <summary>Says this process is alive and gives back the reservations of processes gone for longer than the timeout; returns how many processes' were given back.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (gate.Store is not { } store)
        {
            return 0;
        }

        var now = Time.GetUtcNow();
        await store.TouchHolderAsync(gate.HolderId, now, cancellationToken).ConfigureAwait(false);
        var released = await store.ReleaseAbandonedHoldsAsync(now - options.Value.HolderTimeout, cancellationToken).ConfigureAwait(false);
        if (released > 0)
        {
            LogReleased(Logger, released);
        }

        return released;
    }

    /// <inheritdoc />
    /// <remarks>Says this process is alive before it serves, so its first reservations are never taken for a dead process's.</remarks>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (gate.Store is { } store)
        {
            try
            {
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bound.CancelAfter(DrainTimeout);
                await store.TouchHolderAsync(gate.HolderId, Time.GetUtcNow(), bound.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A store that is down at start is met by the limits' own fail-closed rule; the heartbeat retries.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await gate.DrainSettlementsAsync(DrainTimeout).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task RunJobAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave back the budget reservations of {Count} gateway processes that stopped answering without settling them.")]
    private static partial void LogReleased(ILogger logger, int count);
}
