using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Core.Limits;

/// <summary>Keeps this replica's slices of budget and minute windows, asks the store for more in the background, and writes spend and unused slices back in batches.</summary>
/// <remarks>
/// <para>One slice per scope and kind (budget or minute) is current; a slice whose window passed or whose limits changed is
/// replaced on the next request and the old one retired, so an admin's change takes effect at once. A retired slice keeps
/// taking the settlements of its requests in flight until they end, and is then written back and dropped.</para>
/// <para>Sizing lives in <see cref="Ask"/>: a slice asks for <see cref="LimitOptions.SliceRequests"/> worst-case requests or
/// one <see cref="LimitOptions.SliceShare"/>-th of what is left, whichever is more, and never more than is left.</para>
/// </remarks>
internal sealed partial class LimitSliceBook(ILimitStore store, LimitSettler settler, LimitOptions options, string holder, TimeProvider time, ILogger logger)
{
    /// <summary>How long a grant may take in the background; a request waits for it only up to <see cref="LimitOptions.StoreTimeout"/>.</summary>
    private static readonly TimeSpan GrantTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Scope, bool Budget), LimitSlice> _slices = new();
    private readonly ConcurrentQueue<LimitSlice> _retired = new();
    private int _storeDown;

    /// <summary>Gets how many slices are current (for tests).</summary>
    public int Count => _slices.Count;

    /// <summary>Returns the current slice of a scope's budget window (when <paramref name="budgetNanos"/> is set) or minute window, replacing one that serves another window or other limits.</summary>
    public LimitSlice Get(string scope, DateTimeOffset windowStart, long? budgetNanos, int? requestsPerMinute, long? tokensPerMinute)
    {
        var key = (scope, budgetNanos is not null);
        while (true)
        {
            if (_slices.TryGetValue(key, out var slice))
            {
                if (slice.Serves(windowStart, budgetNanos, requestsPerMinute, tokensPerMinute) && !slice.Retired)
                {
                    return slice;
                }

                var fresh = new LimitSlice(scope, windowStart, budgetNanos, requestsPerMinute, tokensPerMinute);
                if (_slices.TryUpdate(key, fresh, slice))
                {
                    slice.RetireIf(force: true, 0);
                    _retired.Enqueue(slice);
                    return fresh;
                }
            }
            else if (_slices.TryAdd(key, new LimitSlice(scope, windowStart, budgetNanos, requestsPerMinute, tokensPerMinute)))
            {
                continue;
            }
        }
    }

    /// <summary>Asks the store for more of <paramref name="slice"/> unless a grant is under way; the returned task ends with the grant, or null when the store could not answer.</summary>
    /// <param name="slice">The slice.</param>
    /// <param name="worstNanos">The worst-case price of the request that needs it.</param>
    /// <param name="worstTokens">The worst-case tokens of the request that needs it.</param>
    public Task<LimitGrant?> Refill(LimitSlice slice, long worstNanos, long worstTokens) =>
        slice.Refill(s => Task.Run(() => GrantAsync(s, Ask(s, worstNanos, worstTokens))));

    /// <summary>Writes the spend of settled requests, gives back slices that went idle, were retired, or (when <paramref name="all"/>) every slice; returns the settlements handed to the settler.</summary>
    public int Sweep(bool all)
    {
        var now = time.GetUtcNow();
        var minute = LimitWindows.MinuteStart(now);
        var idleSince = Environment.TickCount64 - (long)options.LeaseIdleTimeout.TotalMilliseconds;
        var batch = new List<LimitSettlement>();
        foreach (var (key, slice) in _slices)
        {
            var retire = slice.RetireIf(all || (!slice.IsBudget && slice.WindowStart != minute), idleSince);
            Collect(slice, retire, batch);
            if (retire && _slices.TryRemove(new KeyValuePair<(string, bool), LimitSlice>(key, slice)) && !slice.Drained())
            {
                _retired.Enqueue(slice);
            }
        }

        for (var count = _retired.Count; count > 0 && _retired.TryDequeue(out var slice); count--)
        {
            Collect(slice, giveBack: true, batch);
            if (!slice.Drained())
            {
                _retired.Enqueue(slice);
            }
        }

        if (batch.Count > 0)
        {
            settler.Settle(batch);
        }

        return batch.Count;
    }

    /// <summary>Gets a value indicating whether a retired slice still waits for a grant under way or a request in flight.</summary>
    public bool Unsettled => _retired.Any(slice => !slice.Drained());

    /// <summary>Sizes what a slice asks for: the larger of a few worst-case requests and a share of what is left (the store caps it at what is left).</summary>
    private LimitSliceAsk Ask(LimitSlice slice, long worstNanos, long worstTokens) => new()
    {
        Scope = slice.Scope,
        Holder = holder,
        AskedAt = time.GetUtcNow(),
        WindowStart = slice.WindowStart,
        BudgetNanos = slice.BudgetNanos,
        RequestsPerMinute = slice.RequestsPerMinute,
        TokensPerMinute = slice.TokensPerMinute,
        MinimumNanos = SaturatingTimes(worstNanos, options.SliceRequests),
        MinimumRequests = options.SliceRequests,
        MinimumTokens = SaturatingTimes(worstTokens, options.SliceRequests),
        Share = options.SliceShare,
    };

    private static long SaturatingTimes(long value, int times) => value > long.MaxValue / Math.Max(1, times) ? long.MaxValue : value * times;

    private void Collect(LimitSlice slice, bool giveBack, List<LimitSettlement> batch)
    {
        if (slice.TakeSettlement(holder, giveBack) is { } settlement)
        {
            batch.Add(settlement);
        }
    }

    private async Task<LimitGrant?> GrantAsync(LimitSlice slice, LimitSliceAsk ask)
    {
        LimitGrant? grant = null;
        try
        {
            using var bound = new CancellationTokenSource(GrantTimeout);

            // The spend is written before a grant, so what a process that dies can leave unwritten stays within about one
            // slice, and the store sizes the grant (and names a refusal "budget" once it is spent) knowing it.
            if (slice.IsBudget && slice.TakeSettlement(holder, giveBack: false) is { } spent)
            {
                await settler.SettleNowAsync(spent, bound.Token).ConfigureAwait(false);
            }

            grant = await store.GrantSliceAsync(ask, bound.Token).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _storeDown, 0) != 0)
            {
                LogStoreRecovered(logger);
            }
        }
#pragma warning disable CA1031 // Any store failure means the same to a request: no grant; it waits no longer than its own bound.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Logged once per outage, not per refused request.
            if (Interlocked.Exchange(ref _storeDown, 1) == 0)
            {
                LogStoreUnavailable(logger, options.OnStoreFailure, e);
            }
        }
        finally
        {
            slice.Apply(grant);
        }

        return grant;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The limit store did not grant a slice of a budget or rate window. Requests served from slices already held go on; until the store answers, requests that need a new slice follow OnStoreFailure '{Mode}': 'closed' refuses them (503 limits_unavailable), 'open' runs them and charges their spend once the store is back.")]
    private static partial void LogStoreUnavailable(ILogger logger, string mode, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The limit store grants slices again.")]
    private static partial void LogStoreRecovered(ILogger logger);
}
