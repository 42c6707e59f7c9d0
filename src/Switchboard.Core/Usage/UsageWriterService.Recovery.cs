using Microsoft.Extensions.Logging;

namespace Switchboard.Core.Usage;

/// <summary>The writer's side for outages and crashes: spilling batches to the journal and replaying it, recovering a dead process's write-ahead log, and the degraded state they report.</summary>
public sealed partial class UsageWriterService
{
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage storage is unavailable ({ExceptionType}: {Reason}); records are kept in {Target} and replayed when it recovers.")]
    private static partial void LogStorageDown(ILogger logger, string exceptionType, string reason, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage storage is available again.")]
    private static partial void LogStorageBack(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Count} usage records to the journal {Path} failed ({Reason}); they stay in memory.")]
    private static partial void LogJournalFailed(ILogger logger, int count, string path, string reason);
}
