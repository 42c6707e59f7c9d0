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

    private enum WriteResult
    {
        Written,
        Deferred,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} usage records failed ({ExceptionType}: {Reason}); they are kept and retried.")]
    private static partial void LogInsertFailed(ILogger logger, int count, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown could not write {Count} usage records; storage stayed unavailable.")]
    private static partial void LogDrainAbandoned(ILogger logger, int count);
}
