using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Usage;

/// <summary>Writes queued usage records to storage in batches, off the request path; drains everything on shutdown.</summary>
/// <remarks>
/// A failed batch is kept and retried with backoff, so a database hiccup delays records but never loses them.
/// Inserts are idempotent on the request id, so a batch retried after an unclear failure is not double-counted.
/// </remarks>
public sealed partial class UsageWriterService(UsageQueue queue, IUsageStore store, ILogger<UsageWriterService> logger) : BackgroundService
{
    private const int BatchSize = 2000;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>Gets the number of records written to storage.</summary>
    public long Persisted => Interlocked.Read(ref _persisted);

    private long _persisted;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<UsageRecord>(BatchSize);
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (batch.Count == 0)
            {
                try
                {
                    await queue.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                queue.Drain(batch, BatchSize);
            }

            if (await TryInsertAsync(batch, CancellationToken.None).ConfigureAwait(false))
            {
                batch.Clear();
                backoff = TimeSpan.FromMilliseconds(200);
                continue;
            }

            try
            {
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }

        await DrainAsync(batch).ConfigureAwait(false);
    }

    /// <summary>Writes everything still queued; called on shutdown and by tests.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = new List<UsageRecord>(BatchSize);
        while (queue.Drain(batch, BatchSize) > 0)
        {
            if (!await TryInsertAsync(batch, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("Usage records could not be written to storage.");
            }

            batch.Clear();
        }
    }

    private async Task DrainAsync(List<UsageRecord> pending)
    {
        var attempts = 0;
        while (true)
        {
            if (pending.Count == 0 && queue.Drain(pending, BatchSize) == 0)
            {
                return;
            }

            if (await TryInsertAsync(pending, CancellationToken.None).ConfigureAwait(false))
            {
                pending.Clear();
                attempts = 0;
                continue;
            }

            if (++attempts >= 5)
            {
                LogDrainAbandoned(logger, pending.Count + queue.Depth);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempts)).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryInsertAsync(List<UsageRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return true;
        }

        try
        {
            await store.InsertAsync(batch, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _persisted, batch.Count);
            return true;
        }
#pragma warning disable CA1031 // Any storage failure must keep the batch for a retry instead of killing the writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogInsertFailed(logger, batch.Count, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} usage records failed ({ExceptionType}: {Reason}); they are kept and retried.")]
    private static partial void LogInsertFailed(ILogger logger, int count, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown could not write {Count} usage records; storage stayed unavailable.")]
    private static partial void LogDrainAbandoned(ILogger logger, int count);
}
