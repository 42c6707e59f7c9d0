using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Threading;

namespace Switchboard.Core.Usage;

/// <summary>Writes queued usage records to storage in batches, off the request path; spills to a local journal while storage is down; drains everything on shutdown.</summary>
/// <remarks>
/// With a <see cref="UsageJournal"/>, a failed batch is appended to the journal at once, later batches follow it
/// there while storage stays down, and the journal is replayed (with backoff) until storage answers again, so an
/// outage costs disk, not memory, and never a record. Without a journal, a failed batch is kept in memory and
/// retried. Inserts are idempotent on the request id, so nothing replayed is double-counted. All storage and
/// journal work is serialised by one gate, so <see cref="FlushAsync"/> can run beside the loop.
/// </remarks>
public sealed partial class UsageWriterService : BackgroundService, IHostedLifecycleService
{
    private const int BatchSize = 2000;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly UsageQueue _queue;
    private readonly IUsageStore _store;
    private readonly UsageJournal? _journal;
    private readonly ILogger<UsageWriterService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _persisted;
    private long _failures;
    private long _journaled;
    private int _degraded;

    /// <summary>Creates a writer that retries failed batches in memory.</summary>
    public UsageWriterService(UsageQueue queue, IUsageStore store, ILogger<UsageWriterService> logger)
        : this(queue, store, null, logger)
    {
    }

    /// <summary>Creates a writer that spills to <paramref name="journal"/> while storage is unavailable.</summary>
    public UsageWriterService(UsageQueue queue, IUsageStore store, UsageJournal? journal, ILogger<UsageWriterService> logger)
    {
        _queue = queue;
        _store = store;
        _journal = journal;
        _logger = logger;
    }

    /// <summary>Gets how long records gather after the first one arrives before a batch is written; zero (the default here) writes at once.</summary>
    /// <remarks>The host sets it from <see cref="UsageOptions.WriteDelay"/>. A full batch is written without waiting.</remarks>
    public TimeSpan WriteDelay { get; init; }

    /// <summary>Gets the number of records written to storage (replays included).</summary>
    public long Persisted => Interlocked.Read(ref _persisted);

    /// <summary>Gets the number of failed storage writes.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Gets the number of records spilled to the journal.</summary>
    public long Journaled => Interlocked.Read(ref _journaled);

    /// <summary>Gets the number of journaled records waiting for storage.</summary>
    public long JournalPending => _journal?.Pending ?? 0;

    /// <summary>Gets a value indicating whether storage was unavailable at the last attempt.</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) != 0;

    /// <summary>Writes everything queued and journaled to storage; called by tests and admin tools.</summary>
    /// <exception cref="InvalidOperationException">Storage is unavailable.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_journal is { Pending: > 0 } && !await TryReplayAsync(cancellationToken))
            {
                throw new InvalidOperationException("Journaled usage records could not be written to storage.");
            }

            var batch = new UsageBatch(BatchSize);
            while (_queue.Drain(batch, BatchSize) > 0)
            {
                if (!await TryInsertAsync(batch, cancellationToken))
                {
                    SpillOrKeep(batch);
                    throw new InvalidOperationException("Usage records could not be written to storage.");
                }

                batch.Complete(_queue.Log);
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

    /// <summary>Drains records that requests finished after the writer's loop stopped (the web server may stop later).</summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => DrainAsync(null);

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    /// <remarks>The loop runs on its own thread (see <see cref="DedicatedThread"/>): storage waits never hold a pool thread.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedThread.Run("switchboard-usage-writer", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!await RecoverWriteAheadLogAsync(stoppingToken))
        {
            _ = RetryRecoveryAsync(stoppingToken);
        }

        var batch = new UsageBatch(BatchSize);
        var backoff = MinBackoff;
        var nextReplay = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (batch.Count == 0)
            {
                if (!await WaitForWorkAsync(nextReplay, stoppingToken))
                {
                    break;
                }

                await GatherAsync(stoppingToken);
            }

            WriteResult result;
            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                result = await WriteOnceAsync(batch, DateTime.UtcNow >= nextReplay);
            }
            finally
            {
                _gate.Release();
            }

            if (result == WriteResult.Written)
            {
                backoff = MinBackoff;
                nextReplay = DateTime.UtcNow;
                continue;
            }

            if (result == WriteResult.Deferred)
            {
                continue;
            }

            nextReplay = DateTime.UtcNow + backoff;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            if (batch.Count > 0)
            {
                // No journal (or it failed): the batch stays in memory and is retried after the backoff.
                try
                {
                    await Task.Delay(nextReplay - DateTime.UtcNow, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await DrainAsync(batch);
    }

    /// <summary>Lets more records arrive for <see cref="WriteDelay"/> unless a full batch is already queued; shutdown cuts it short.</summary>
    private async Task GatherAsync(CancellationToken stoppingToken)
    {
        var depth = _queue.Depth;
        if (WriteDelay <= TimeSpan.Zero || depth == 0 || depth >= BatchSize)
        {
            return;
        }

        try
        {
            await Task.Delay(WriteDelay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is queued now; the drain after the loop takes the rest.
        }
    }

    /// <summary>Waits for queued records, or until the next journal replay is due; returns false on shutdown.</summary>
    private async Task<bool> WaitForWorkAsync(DateTime nextReplay, CancellationToken stoppingToken)
    {
        try
        {
            if (_journal is null || _journal.Pending == 0)
            {
                return await _queue.WaitAsync(stoppingToken);
            }

            var wait = nextReplay - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(wait);
                try
                {
                    await _queue.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The replay is due; go on with an empty batch.
                }
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Replays the journal when due, then writes one batch to storage or the journal.</summary>
    private async Task<WriteResult> WriteOnceAsync(UsageBatch batch, bool replayDue)
    {
        if (batch.Count == 0)
        {
            _queue.Drain(batch, BatchSize);
        }

        if (_journal is { Pending: > 0 })
        {
            if (!replayDue || !await TryReplayAsync(CancellationToken.None))
            {
                // Storage is still down: later records follow the earlier ones into the journal.
                var spilled = SpillOrKeep(batch);
                return spilled && !replayDue ? WriteResult.Deferred : WriteResult.Failed;
            }
        }

        if (await TryInsertAsync(batch, CancellationToken.None))
        {
            batch.Complete(_queue.Log);
            return WriteResult.Written;
        }

        SpillOrKeep(batch);
        return WriteResult.Failed;
    }

    /// <summary>Writes everything left on shutdown: to storage when it answers, to the journal otherwise.</summary>
    private async Task DrainAsync(UsageBatch? pending)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            var batch = pending ?? new UsageBatch(BatchSize);
            var storageUp = _journal is not { Pending: > 0 } || await TryReplayAsync(CancellationToken.None);
            var attempts = 0;
            while (batch.Count > 0 || _queue.Drain(batch, BatchSize) > 0)
            {
                if (storageUp && await TryInsertAsync(batch, CancellationToken.None))
                {
                    batch.Complete(_queue.Log);
                    continue;
                }

                storageUp = false;
                if (SpillOrKeep(batch))
                {
                    continue;
                }

                if (++attempts >= 5)
                {
                    LogDrainAbandoned(_logger, batch.Count + _queue.Depth);
                    return;
                }

                storageUp = true;
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempts));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> TryReplayAsync(CancellationToken cancellationToken)
    {
        try
        {
            var replayed = await _journal!.ReplayAsync(_store, BatchSize, cancellationToken);
            Interlocked.Add(ref _persisted, replayed);
            SetDegraded(false);
            return true;
        }
#pragma warning disable CA1031 // Any storage failure keeps the journal for a later replay instead of killing the writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            SetDegraded(true, ex);
            return false;
        }
    }

    private async Task<bool> TryInsertAsync(UsageBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return true;
        }

        try
        {
            await _store.InsertAsync(batch.Records, cancellationToken);
            Interlocked.Add(ref _persisted, batch.Count);
            SetDegraded(false);
            return true;
        }
#pragma warning disable CA1031 // Any storage failure must keep the batch (journal or memory) instead of killing the writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            SetDegraded(true, ex);
            if (_journal is null)
            {
                LogInsertFailed(_logger, batch.Count, ex.GetType().Name, ex.Message);
            }

            return false;
        }
    }

    /// <summary>Moves the batch to the journal; returns false (batch kept) when there is no journal or the disk failed.</summary>
    private bool SpillOrKeep(UsageBatch batch)
    {
        if (_journal is null)
        {
            return batch.Count == 0;
        }

        if (batch.Count == 0)
        {
            return true;
        }

        try
        {
            _journal.Append(batch.Records);
            Interlocked.Add(ref _journaled, batch.Count);
            batch.Complete(_queue.Log);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogJournalFailed(_logger, batch.Count, _journal.Path, ex.Message);
            return false;
        }
    }

    /// <summary>Stores what a process that died left in the write-ahead log; returns false when storage failed (the segments stay).</summary>
    private async Task<bool> RecoverWriteAheadLogAsync(CancellationToken stoppingToken)
    {
        if (_queue.Log is not { } log)
        {
            return true;
        }

        await _gate.WaitAsync(stoppingToken);
        try
        {
            Interlocked.Add(ref _persisted, await log.RecoverAsync(_store, BatchSize, stoppingToken));
            return true;
        }
#pragma warning disable CA1031 // A failed recovery keeps the segments and is retried; the writer must still run.
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            SetDegraded(true, ex);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Retries the recovery with backoff until storage answers, beside the writer's loop (a database that comes up after the gateway is common).</summary>
    private async Task RetryRecoveryAsync(CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        try
        {
            do
            {
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
            while (!await RecoverWriteAheadLogAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is left is recovered at the next start.
        }
    }

    private void SetDegraded(bool degraded, Exception? cause = null)
    {
        var was = Interlocked.Exchange(ref _degraded, degraded ? 1 : 0) != 0;
        if (degraded && !was)
        {
            LogStorageDown(_logger, cause!.GetType().Name, cause.Message, _journal?.Path ?? "memory");
        }
        else if (!degraded && was)
        {
            LogStorageBack(_logger);
        }
    }

    private enum WriteResult
    {
        Written,
        Deferred,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} usage records failed ({ExceptionType}: {Reason}); they are kept and retried.")]
    private static partial void LogInsertFailed(ILogger logger, int count, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage storage is unavailable ({ExceptionType}: {Reason}); records are kept in {Target} and replayed when it recovers.")]
    private static partial void LogStorageDown(ILogger logger, string exceptionType, string reason, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage storage is available again.")]
    private static partial void LogStorageBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Count} usage records to the journal {Path} failed ({Reason}); they stay in memory.")]
    private static partial void LogJournalFailed(ILogger logger, int count, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown could not write {Count} usage records; storage stayed unavailable.")]
    private static partial void LogDrainAbandoned(ILogger logger, int count);
}
