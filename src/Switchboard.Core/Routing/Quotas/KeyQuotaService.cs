using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Threading;

namespace Switchboard.Core.Routing.Quotas;

/// <summary>Settles keys' quota consumption into the shared counters and refreshes every key's quota flag from them, off the request path.</summary>
/// <remarks>
/// <para>Finished requests queue their consumption (see <see cref="KeyQuotaStates.Record"/>); this loop adds it to the
/// database in batches, one upsert per key and window, and applies the returned totals. Every
/// <see cref="RefreshInterval"/> it reads the totals of every key with a quota, so consumption on other replicas, a
/// changed quota and a window roll-over reach the flag that routing reads. A failed settle keeps its amounts and
/// retries; they are never lost while the process lives.</para>
/// <para>Singleton; all storage work is serialised by one gate so <see cref="SettleAsync"/> and <see cref="RefreshAsync"/> can run beside the loop.</para>
/// </remarks>
public sealed partial class KeyQuotaService : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan FailurePause = TimeSpan.FromSeconds(1);

    private readonly RoutingState _states;
    private readonly SnapshotHolder _snapshots;
    private readonly IKeyQuotaStore _store;
    private readonly ILogger<KeyQuotaService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(long KeyId, DateTimeOffset WindowStart), KeyUsage> _unsettled = [];

    internal KeyQuotaService(RoutingState states, SnapshotHolder snapshots, IKeyQuotaStore store, ILogger<KeyQuotaService> logger, TimeSpan? refreshInterval = null)
    {
        _states = states;
        _snapshots = snapshots;
        _store = store;
        _logger = logger;
        RefreshInterval = refreshInterval ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>Gets how often every key's consumption is read back from storage.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>Describes a key's quota and its consumption in the current window, or returns null when the key has no quota.</summary>
    public KeyQuotaUsage? Describe(long keyId) =>
        QuotasByKey().TryGetValue(keyId, out var quota) ? _states.Quotas.Describe(keyId, quota) : null;

    /// <summary>Writes the consumption queued so far to storage and applies the new totals.</summary>
    /// <exception cref="Exception">Storage failed; the amounts stay queued for the next attempt.</exception>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SettleCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads every key's window total from storage and re-evaluates the quota flags (after a quota change, say).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SettleCoreAsync(cancellationToken);
            await RefreshCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Settles what requests finished after the loop stopped (the web server may stop later).</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SettleAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // Shutdown must finish; the loss is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSettleFailed(_logger, ex.GetType().Name, ex.Message);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    /// <remarks>The loop runs on its own thread (see <see cref="DedicatedThread"/>): storage waits never hold a pool thread.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.Run("switchboard-key-quotas", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var nextRefresh = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = nextRefresh - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(wait);
                try
                {
                    await _states.Quotas.Unsettled.WaitToReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The refresh is due.
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            try
            {
                if (DateTime.UtcNow >= nextRefresh)
                {
                    await RefreshAsync(stoppingToken);
                    nextRefresh = DateTime.UtcNow + RefreshInterval;
                }
                else
                {
                    await SettleAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A storage failure keeps the amounts and retries; it must not stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSettleFailed(_logger, ex.GetType().Name, ex.Message);
                nextRefresh = DateTime.UtcNow + RefreshInterval;
                try
                {
                    await Task.Delay(FailurePause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task SettleCoreAsync(CancellationToken cancellationToken)
    {
        while (_states.Quotas.Unsettled.TryRead(out var usage))
        {
            var slot = (usage.KeyId, usage.WindowStart);
            _unsettled[slot] = _unsettled.TryGetValue(slot, out var sum)
                ? sum with { Tokens = sum.Tokens + usage.Tokens, CostNanos = sum.CostNanos + usage.CostNanos }
                : usage;
        }

        if (_unsettled.Count == 0)
        {
            return;
        }

        var batch = _unsettled.Values.ToArray();
        var totals = await _store.AddKeyUsageAsync(batch, cancellationToken);
        _unsettled.Clear();
        var quotas = QuotasByKey();
        for (var i = 0; i < batch.Length; i++)
        {
            _states.Quotas.ApplySettled(batch[i], totals[i], quotas.GetValueOrDefault(batch[i].KeyId));
        }
    }

    private async Task RefreshCoreAsync(CancellationToken cancellationToken)
    {
        var quotas = QuotasByKey();
        var windows = quotas.Select(q => (q.Key, _states.Quotas.Window(q.Value.Period).Start)).ToArray();
        var totals = await _store.GetKeyUsageAsync(windows, cancellationToken);
        foreach (var total in totals)
        {
            _states.Quotas.ApplyRefreshed(total.KeyId, quotas[total.KeyId], total);
        }

        foreach (var keyId in _states.Quotas.TrackedKeys.Where(id => !quotas.ContainsKey(id)).ToArray())
        {
            _states.Quotas.ApplyRefreshed(keyId, null, null);
        }
    }

    /// <summary>Collects the quota of every key in the current snapshot, server keys and users' own keys alike.</summary>
    private Dictionary<long, KeyQuotaConfig> QuotasByKey()
    {
        var snapshot = _snapshots.Current;
        var quotas = new Dictionary<long, KeyQuotaConfig>();
        foreach (var key in snapshot.Platforms.Values.SelectMany(p => p.Keys).Concat(snapshot.Tenancy.UserKeys.Values))
        {
            if (key.Quota is { Any: true } quota)
            {
                quotas[key.Id] = quota;
            }
        }

        return quotas;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling upstream key quota consumption failed ({ExceptionType}: {Reason}); it is kept and retried.")]
    private static partial void LogSettleFailed(ILogger logger, string exceptionType, string reason);
}
