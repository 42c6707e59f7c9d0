using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.RoutingLog;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Threading;

namespace Switchboard.Core.Routing.Log;

/// <summary>Writes queued routing log entries to storage in batches, off the request path, and drains the queue on shutdown.</summary>
/// <remarks>
/// A failed batch is retried once after a short pause and then dropped (and counted): the log is diagnostic, and the
/// bounded queue already drops beyond its capacity, so a database outage never grows memory. Inserts skip request ids
/// that exist, so a retry never duplicates. All storage work is serialised by one gate, so <see cref="FlushAsync"/> can
/// run beside the loop.
/// </remarks>
public sealed partial class RoutingLogWriterService(RoutingLogQueue queue, IRoutingLogStore store, ILogger<RoutingLogWriterService> logger)
    : BackgroundService, IHostedLifecycleService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _persisted;
    private long _lost;

    /// <summary>Gets the number of entries written to storage.</summary>
    public long Persisted => Interlocked.Read(ref _persisted);

    /// <summary>Gets the number of entries lost because storage failed twice.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Writes everything queued now; called by tests and admin tools.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<RoutingLogRecord>(BatchSize);
            while (queue.Drain(batch, BatchSize) > 0)
            {
                await store.InsertRoutingLogAsync(batch, cancellationToken);
                Interlocked.Add(ref _persisted, batch.Count);
                batch.Clear();
            }
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

    /// <summary>Writes entries that requests finished after the loop stopped (the web server may stop later).</summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => WriteQueuedAsync();

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    /// <remarks>The loop runs on its own thread (see <see cref="DedicatedThread"/>): storage waits never hold a pool thread.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.Run("switchboard-routing-log-writer", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await queue.WaitAsync(stoppingToken))
                {
                    break;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await WriteQueuedAsync();
        }

        await WriteQueuedAsync();
    }

    private async Task WriteQueuedAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            var batch = new List<RoutingLogRecord>(BatchSize);
            while (queue.Drain(batch, BatchSize) > 0)
            {
                if (!await TryInsertAsync(batch))
                {
                    await Task.Delay(RetryPause);
                    if (!await TryInsertAsync(batch))
                    {
                        Interlocked.Add(ref _lost, batch.Count);
                        LogBatchLost(logger, batch.Count);
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> TryInsertAsync(List<RoutingLogRecord> batch)
    {
        try
        {
            await store.InsertRoutingLogAsync(batch, CancellationToken.None);
            Interlocked.Add(ref _persisted, batch.Count);
            return true;
        }
#pragma warning disable CA1031 // Any storage failure costs this batch of diagnostics, never the writer or a request.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogInsertFailed(logger, batch.Count, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} routing log entries failed ({ExceptionType}: {Reason}).")]
    private static partial void LogInsertFailed(ILogger logger, int count, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} routing log entries after a retry; storage is unavailable.")]
    private static partial void LogBatchLost(ILogger logger, int count);
}
