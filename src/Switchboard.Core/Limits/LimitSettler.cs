using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Core.Limits;

/// <summary>Writes settlements to the limit store after requests end, keeping the ones the store refused until it answers again.</summary>
/// <remarks>
/// A settlement releases a reservation and charges the actual spend; losing one would leave a budget either blocked by a
/// dead reservation or short of real spend. Failed settlements are merged by scope and window (settlements add up, so
/// memory stays bounded by the scopes in use, not by the requests) and retried with backoff from one loop. Thread-safe.
/// </remarks>
internal sealed partial class LimitSettler(ILimitStore store, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly Dictionary<(string Scope, DateTimeOffset Budget, DateTimeOffset Minute), LimitSettlement> _pending = [];
    private bool _retrying;

    /// <summary>Gets how many merged settlements wait for the store.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Settles in the background; a failure keeps the settlements for the retry loop.</summary>
    public void Settle(IReadOnlyList<LimitSettlement> settlements)
    {
        if (settlements.Count > 0)
        {
            var settling = SettleOrKeepAsync(settlements);
            _inFlight.TryAdd(settling, 0);
            _ = settling.ContinueWith(static (done, inFlight) => ((ConcurrentDictionary<Task, byte>)inFlight!).TryRemove(done, out _), _inFlight, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Writes one settlement now, keeping it for the retry loop if the store fails; used where the next step must see it written.</summary>
    public async Task SettleNowAsync(LimitSettlement settlement, CancellationToken cancellationToken)
    {
        try
        {
            await store.SettleAsync([settlement], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Keep([settlement], e);
            throw;
        }
    }

    /// <summary>Waits (within <paramref name="timeout"/>) for settlements under way and writes the kept ones; called when the host stops, so a graceful stop leaves no reservation behind.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(bound.Token).ConfigureAwait(false);
            while (Pending > 0 && !await RetryAsync(bound.Token).ConfigureAwait(false))
            {
                await Task.Delay(MinBackoff, bound.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The store did not answer in time: the reservations stay until another process sees this one gone.
        }
    }

    /// <summary>Writes every pending settlement now; returns whether none is left (used by tests and on recovery).</summary>
    public async Task<bool> RetryAsync(CancellationToken cancellationToken)
    {
        LimitSettlement[] batch;
        lock (_gate)
        {
            batch = [.. _pending.Values];
            _pending.Clear();
        }

        if (batch.Length == 0)
        {
            return true;
        }

        try
        {
            await store.SettleAsync(batch, cancellationToken).ConfigureAwait(false);
            LogRecovered(logger, batch.Length);
            return Pending == 0;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Keep(batch);
            return false;
        }
    }

    private async Task SettleOrKeepAsync(IReadOnlyList<LimitSettlement> settlements)
    {
        try
        {
            // Bounded, so settlements stuck behind a locked store join the merged retry queue instead of piling up one task each.
            using var timeout = new CancellationTokenSource(SettleTimeout);
            await store.SettleAsync(settlements, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Keep(settlements, e);
        }
    }

    private void Keep(IReadOnlyList<LimitSettlement> settlements, Exception? failure = null)
    {
        lock (_gate)
        {
            foreach (var settlement in settlements)
            {
                var key = (settlement.Scope, settlement.BudgetWindowStart, settlement.MinuteWindowStart);
                _pending[key] = _pending.TryGetValue(key, out var earlier)
                    ? earlier with
                    {
                        ReservedNanos = earlier.ReservedNanos + settlement.ReservedNanos,
                        SpentNanos = earlier.SpentNanos + settlement.SpentNanos,
                        Tokens = earlier.Tokens + settlement.Tokens,
                        ReservedTokens = earlier.ReservedTokens + settlement.ReservedTokens,
                        Requests = earlier.Requests + settlement.Requests,
                    }
                    : settlement;
            }

            if (_retrying)
            {
                return;
            }

            _retrying = true;
        }

        // Logged once per outage: the loop below runs until the store answers, and every later failure joins its queue.
        if (failure is not null)
        {
            LogSettleFailed(logger, failure);
        }

        _ = RetryLoopAsync();
    }

    private async Task RetryLoopAsync()
    {
        var backoff = MinBackoff;
        while (true)
        {
            await Task.Delay(backoff, time).ConfigureAwait(false);
            if (await RetryAsync(CancellationToken.None).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    if (_pending.Count == 0)
                    {
                        _retrying = false;
                        return;
                    }
                }

                backoff = MinBackoff;
                continue;
            }

            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling budget and rate counters failed; the settlements are kept and retried until the limit store answers.")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The limit store answered again: {Count} kept settlements were written.")]
    private static partial void LogRecovered(ILogger logger, int count);
}
