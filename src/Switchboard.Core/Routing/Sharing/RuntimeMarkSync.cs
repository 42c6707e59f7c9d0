using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Threading;

namespace Switchboard.Core.Routing.Sharing;

/// <summary>Shares routing's runtime marks between replicas through the database: writes this replica's, applies the others'.</summary>
/// <remarks>
/// <para>The loop writes the marks this replica applied as soon as they are published (batched, one transaction), and
/// every <see cref="SharedStateOptions.PollInterval"/> reads the marks written since its last read and applies them, so
/// a cooldown, invalid-key mark or ejection applied on one replica is honoured by every other within about one interval
/// plus one query. The first read, at start, loads every current mark, so invalid keys stay invalid across restarts.
/// Every minute it deletes marks that ended over an hour ago.</para>
/// <para>Nothing here is on the request path. A database that does not answer changes nothing for requests: marks stay
/// local and wait (the latest per key, model and kind) to be written when it answers again; the failure is logged once
/// per outage.</para>
/// <para>Singleton; storage work is serialised by one gate, so <see cref="SyncOnceAsync"/> may run beside the loop.</para>
/// </remarks>
public sealed partial class RuntimeMarkSync : BackgroundService
{
    private const int ReadLimit = 5_000;

    // Rows are stamped by the database's clock when written, but a row stamped just before a read may commit just
    // after it: each read starts this far before the newest stamp seen, and applying a mark twice changes nothing.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan EndedMarkRetention = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinWriteGap = TimeSpan.FromMilliseconds(20);

    private readonly RoutingState _states;
    private readonly IRuntimeMarkStore _store;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Kind, long Subject, string Model), RuntimeMark> _pending = [];
    private DateTimeOffset? _newestSeen;
    private bool _pageFull;
    private DateTime _nextMaintenance;
    private bool _failing;
    private long _applied;
    private long _written;

    internal RuntimeMarkSync(RoutingState states, IRuntimeMarkStore store, IOptions<SharedStateOptions> options, ILogger logger)
    {
        _states = states;
        _store = store;
        _logger = logger;
        PollInterval = options.Value.PollInterval;
        Replica = $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }

    /// <summary>Gets how often other replicas' marks are read; zero when sharing is off.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>Gets the name this replica writes its marks under.</summary>
    public string Replica { get; }

    /// <summary>Gets how many marks read from the database changed this replica's state.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Gets how many of this replica's marks were written to the database.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Writes the marks published so far, then reads and applies the marks written since the last read.</summary>
    /// <exception cref="Exception">Storage failed; unwritten marks stay queued for the next attempt.</exception>
    public async Task SyncOnceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await WriteAsync(cancellationToken);
            do
            {
                await ReadAsync(cancellationToken);
            }
            while (_pageFull);

            if (DateTime.UtcNow >= _nextMaintenance)
            {
                await _store.DeleteExpiredAsync(_states.Time.GetUtcNow() - EndedMarkRetention, cancellationToken);
                _nextMaintenance = DateTime.UtcNow + MaintenanceInterval;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (PollInterval <= TimeSpan.Zero)
        {
            return;
        }

        // Marks applied in the last moments still reach the other replicas, unless the database is down.
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await _gate.WaitAsync(timeout.Token);
            try
            {
                await WriteAsync(timeout.Token);
            }
            finally
            {
                _gate.Release();
            }
        }
#pragma warning disable CA1031 // Shutdown must finish; the marks were local anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFinalWriteFailed(_logger, ex.GetType().Name);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    /// <remarks>The loop runs on its own thread (see <see cref="DedicatedThread"/>): a SQLite lock held by another process never holds a pool thread.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollInterval <= TimeSpan.Zero ? Task.CompletedTask : DedicatedThread.Run("switchboard-shared-state", () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var nextRead = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTime.UtcNow >= nextRead)
                {
                    nextRead = DateTime.UtcNow + PollInterval;
                    await SyncOnceAsync(stoppingToken);
                }
                else
                {
                    await _gate.WaitAsync(stoppingToken);
                    try
                    {
                        await WriteAsync(stoppingToken);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                Recovered();
                await WaitAsync(nextRead, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A database that does not answer must not stop the host; marks stay local and are retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failed(ex);
                try
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Waits until the next read is due or a mark is published, whichever comes first, leaving a short gap so a burst is written as one batch.</summary>
    private async Task WaitAsync(DateTime nextRead, CancellationToken stoppingToken)
    {
        var wait = nextRead - DateTime.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await _states.Marks.Outbox.WaitToReadAsync(timeout.Token);
            await Task.Delay(MinWriteGap, timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The read is due.
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        while (_states.Marks.Outbox.TryRead(out var mark))
        {
            var slot = (mark.Kind, mark.SubjectId, mark.Model);
            if (_pending.Count < SharedMarks.OutboxCapacity || _pending.ContainsKey(slot))
            {
                _pending[slot] = mark with { Replica = Replica };
            }
        }

        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.Values.ToArray();
        await _store.WriteAsync(batch, cancellationToken);
        _pending.Clear();
        Interlocked.Add(ref _written, batch.Length);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var since = _pageFull ? _newestSeen : _newestSeen - Overlap;
        var marks = await _store.ReadChangedAsync(since, ReadLimit, cancellationToken);
        foreach (var mark in marks)
        {
            if (_states.Marks.Apply(mark))
            {
                Interlocked.Increment(ref _applied);
            }

            if (_newestSeen is null || mark.UpdatedAt > _newestSeen)
            {
                _newestSeen = mark.UpdatedAt;
            }
        }

        // A full page is followed at once from its newest row, so the overlap never pins the reader to one page.
        _pageFull = marks.Count == ReadLimit;
    }

    private void Failed(Exception exception)
    {
        if (!_failing)
        {
            _failing = true;
            LogSharingFailed(_logger, exception.GetType().Name, exception.Message);
        }
    }

    private void Recovered()
    {
        if (_failing)
        {
            _failing = false;
            LogSharingRecovered(_logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing routing marks with other replicas failed ({ExceptionType}: {Reason}); they stay local and are retried quietly until the database answers.")]
    private static partial void LogSharingFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sharing routing marks with other replicas works again.")]
    private static partial void LogSharingRecovered(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the last routing marks at shutdown failed ({ExceptionType}); other replicas learn of them when they meet the same failures.")]
    private static partial void LogFinalWriteFailed(ILogger logger, string exceptionType);
}
