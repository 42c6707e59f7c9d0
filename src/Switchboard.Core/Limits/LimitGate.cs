using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Limits;

/// <summary>Admits requests against the budgets, rate limits and parallel limits of their virtual key and their user.</summary>
/// <remarks>
/// <para>Budgets and per-minute limits live in the database (<see cref="ILimitStore"/>), so replicas sharing it enforce one
/// limit; each replica leases slices of them (<see cref="LimitSliceBook"/>) and admits from memory: the request's worst case
/// (prompt estimate plus <c>max_tokens</c>, or a default output allowance, at the user price, and its tokens) is taken from
/// the slice before the call and what it did not spend goes back after it. A slice running low is refilled in the
/// background; a request finds no slice left only when the window is used up or a grant is late. Callers without limits
/// cost nothing here. Parallel limits are counted in memory, per replica.</para>
/// <para>The limits fail closed: a request that needs a new slice while the store does not answer within
/// <see cref="LimitOptions.StoreTimeout"/> is refused with a 503, never admitted unchecked, unless the operator chose
/// <see cref="LimitStoreFailureModes.Open"/>, where it runs and its spend is charged once the store is back. Requests
/// served from a slice already held do not notice the outage.</para>
/// </remarks>
public sealed partial class LimitGate
{
    /// <summary>How often a request asks again when the grants it waited for were taken by the requests beside it.</summary>
    private const int GrantAttempts = 4;

    private readonly ILimitStore? _store;
    private readonly LimitSettler? _settler;
    private readonly LimitSliceBook? _slices;
    private readonly TenancyOptions _options;
    private readonly LimitOptions _limitOptions;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Creates the gate.</summary>
    public LimitGate(ILimitStore? store, IOptions<TenancyOptions> options, TimeProvider time, ILogger<LimitGate> logger, IOptions<LimitOptions>? limitOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _limitOptions = limitOptions?.Value ?? new LimitOptions();
        _time = time;
        if (store is not null)
        {
            _settler = new LimitSettler(store, time, logger);
            _slices = new LimitSliceBook(store, _settler, _limitOptions, HolderId, time, logger);
        }
    }

    /// <summary>Gets the id under which this process holds its budget slices in the store, so they are given back if it dies.</summary>
    public string HolderId { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Gets the store, for the keeper that keeps this process's holds alive.</summary>
    internal ILimitStore? Store => _store;

    /// <summary>Gets how often the slices' spend is written back, for their keeper.</summary>
    internal TimeSpan FlushInterval => _slices is null ? TimeSpan.Zero : _limitOptions.LeaseFlushInterval;

    /// <summary>Gives back every slice this process holds, then waits (within <paramref name="timeout"/>) for settlements under way and writes the kept ones; called when the host stops.</summary>
    public async Task DrainSettlementsAsync(TimeSpan timeout)
    {
        if (_slices is null)
        {
            return;
        }

        // A grant under way or a request still in flight lands in a retired slice later; it is written back when it does.
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        _slices.Sweep(all: true);
        while (_slices.Unsettled && _time.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time).ConfigureAwait(false);
            _slices.Sweep(all: true);
        }

        var left = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        await _settler!.DrainAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
    }

    /// <summary>Writes the spend of settled requests and gives back idle or retired slices; returns how many settlements were handed on.</summary>
    public int FlushSlices() => _slices?.Sweep(all: false) ?? 0;

    /// <summary>Gets how many merged settlements wait for the limit store to answer again.</summary>
    public int PendingSettlements => _settler?.Pending ?? 0;

    /// <summary>Returns whether the caller's key or user has any limit, so callers without limits skip the gate entirely.</summary>
    internal static bool AppliesTo(TenantView view) => view.Key?.Limits is { Any: true } || UserLimits(view) is { Any: true };

    /// <summary>Writes the settlements kept while the store was unavailable; returns whether none is left.</summary>
    public Task<bool> RetrySettlementsAsync(CancellationToken cancellationToken) => _settler?.RetryAsync(cancellationToken) ?? Task.FromResult(true);

    /// <summary>Gets how many requests of a scope are in flight on this replica.</summary>
    public int InFlight(string scope) => _inFlight.TryGetValue(scope, out var counter) ? Volatile.Read(ref counter.Value) : 0;

    /// <param name="view">The caller.</param>
    /// <param name="model">The model, for its prices.</param>
    /// <param name="promptTokens">The prompt estimate.</param>
    /// <param name="maxOutputTokens">The most output tokens the request can be billed for (its cap, times its answers, plus a reasoning budget), or null when it sets none and the default allowance applies.</param>
    /// <param name="cancellationToken">The request's token.</param>
    internal ValueTask<(LimitLease? Lease, GatewayError? Error)> AdmitAsync(TenantView view, CatalogEntry model, long promptTokens, long? maxOutputTokens, CancellationToken cancellationToken)
    {
        var keyLimits = view.Key?.Limits;
        var userLimits = UserLimits(view);
        if (keyLimits is not { Any: true } && userLimits is not { Any: true })
        {
            return ValueTask.FromResult<(LimitLease?, GatewayError?)>((null, null));
        }

        var outputTokens = maxOutputTokens ?? _options.DefaultOutputReserveTokens;
        var worstNanos = LimitWindows.ToNanos(UsageAccounting.WorstCaseUserPrice(model, promptTokens, outputTokens));
        return AdmitAsync(view.Key?.Id, keyLimits, view.UserId, userLimits, worstNanos, promptTokens + outputTokens, cancellationToken);
    }

    /// <summary>Admits a request of a virtual key and a user with the given limits (either may be null) and worst case.</summary>
    /// <param name="keyId">The virtual key.</param>
    /// <param name="keyLimits">The key's limits, or null.</param>
    /// <param name="userId">The user.</param>
    /// <param name="userLimits">The user's limits, or null when they do not count.</param>
    /// <param name="worstNanos">The most the request can cost, in nano-USD at the user price.</param>
    /// <param name="worstTokens">The most tokens the request can use.</param>
    /// <param name="cancellationToken">The request's token.</param>
    internal async ValueTask<(LimitLease? Lease, GatewayError? Error)> AdmitAsync(
        long? keyId, LimitSettings? keyLimits, string userId, LimitSettings? userLimits, long worstNanos, long worstTokens, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var slices = new List<LimitSlice>(4);
        var parallel = new List<string>(2);
        AddScope(LimitScopes.Key(keyId), keyLimits, now, slices, parallel);
        AddScope(LimitScopes.User(userId), userLimits, now, slices, parallel);

        for (var i = 0; i < parallel.Count; i++)
        {
            var limit = parallel[i].StartsWith(LimitScopes.KeyPrefix, StringComparison.Ordinal) ? keyLimits!.MaxParallel!.Value : userLimits!.MaxParallel!.Value;
            var counter = _inFlight.GetOrAdd(parallel[i], _ => new StrongBox<int>());
            if (Interlocked.Increment(ref counter.Value) > limit)
            {
                Interlocked.Decrement(ref counter.Value);
                ReleaseParallel(parallel.Take(i));
                return (null, GatewayErrors.LimitExceeded("parallel", Describe(parallel[i]), TimeSpan.FromSeconds(1)));
            }
        }

        if (slices.Count == 0)
        {
            return (new LimitLease(this, [], confirmed: true, parallel), null);
        }

        try
        {
            var (lease, refusal) = await TakeAsync(slices, worstNanos, worstTokens, parallel, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                return (lease, null);
            }

            ReleaseParallel(parallel);
            if (refusal is not { } refused)
            {
                return (null, GatewayErrors.LimitsUnavailable(TimeSpan.FromSeconds(Math.Max(1, _limitOptions.StoreTimeout.TotalSeconds))));
            }

            var scopeLimits = refused.Slice.Scope.StartsWith(LimitScopes.KeyPrefix, StringComparison.Ordinal) ? keyLimits! : userLimits!;
            return (null, GatewayErrors.LimitExceeded(refused.Limit, Describe(refused.Slice.Scope), RetryAfter(refused.Limit, scopeLimits, now)));
        }
        catch
        {
            // The client went away while a grant was awaited: the slots taken above go back before the cancellation moves on.
            ReleaseParallel(parallel);
            throw;
        }
    }

    internal void Release(LimitLease lease, UsageRecord record)
    {
        ReleaseParallel(lease.ParallelScopes);
        if (lease.Takes.Length == 0)
        {
            return;
        }

        var spent = LimitWindows.ToNanos(record.UserPrice);
        var tokens = record.Tokens.InputTokens + record.Tokens.OutputTokens;
        if (!lease.Confirmed)
        {
            _settler!.Settle(UncheckedSettlements(lease.Takes, spent, tokens));
            return;
        }

        foreach (var take in lease.Takes)
        {
            take.Slice.Settle(take.Nanos, take.Slice.IsBudget ? spent : 0, take.Tokens, tokens);
        }
    }

    /// <summary>Takes the request's worst case from every slice, waiting for grants where a slice cannot cover it; returns the lease, or the refusal, or neither when the store did not answer in time (and the limits fail closed).</summary>
    private async ValueTask<(LimitLease? Lease, (LimitSlice Slice, string Limit)? Refusal)> TakeAsync(
        List<LimitSlice> slices, long worstNanos, long worstTokens, List<string> parallel, CancellationToken cancellationToken)
    {
        var takes = new SliceTake[slices.Count];
        (LimitSlice Slice, string Limit)? refusal = null;
        var blocked = -1;
        for (var attempt = 0; attempt <= GrantAttempts; attempt++)
        {
            blocked = TryTakeAll(slices, worstNanos, worstTokens, takes);
            if (blocked < 0)
            {
                return (new LimitLease(this, takes, confirmed: true, parallel), null);
            }

            var slice = slices[blocked];
            if (refusal?.Slice == slice)
            {
                return (null, refusal);
            }

            if (slice.Retired)
            {
                slices[blocked] = _slices!.Get(slice.Scope, slice.WindowStart, slice.BudgetNanos, slice.RequestsPerMinute, slice.TokensPerMinute);
                continue;
            }

            LimitGrant? grant;
            try
            {
                grant = await _slices!.Refill(slice, worstNanos, worstTokens).WaitAsync(_limitOptions.StoreTimeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                grant = null;
            }

            if (grant is null)
            {
                // The store did not answer in time: the request is refused, or runs unchecked and is charged once the store is back.
                return FailsOpen ? (new LimitLease(this, [.. slices.Select(s => new SliceTake(s, 0, 0))], confirmed: false, parallel), null) : (null, null);
            }

            if (grant.Refused is { } limit)
            {
                refusal = (slice, limit);
            }
        }

        var last = slices[blocked];
        return (null, refusal ?? (last, last.IsBudget ? "budget_reserved" : last.RequestsPerMinute is not null ? "rpm" : "tpm"));
    }

    /// <summary>Takes the worst case from every slice or from none; returns -1, or the index of the slice that could not cover it.</summary>
    private int TryTakeAll(List<LimitSlice> slices, long worstNanos, long worstTokens, SliceTake[] takes)
    {
        for (var i = 0; i < slices.Count; i++)
        {
            var nanos = worstNanos;
            var tokens = worstTokens;
            if (!slices[i].TryTake(ref nanos, ref tokens, out var low))
            {
                for (var j = 0; j < i; j++)
                {
                    takes[j].Slice.Untake(takes[j].Nanos, takes[j].Tokens);
                }

                return i;
            }

            takes[i] = new SliceTake(slices[i], nanos, tokens);
            if (low)
            {
                // Refilled before it runs out, so the requests after this one rarely wait.
                _ = _slices!.Refill(slices[i], worstNanos, worstTokens);
            }
        }

        return -1;
    }

    /// <summary>Builds the settlements of a request admitted unchecked: its spend, tokens and request are charged to each scope's windows.</summary>
    private LimitSettlement[] UncheckedSettlements(SliceTake[] takes, long spent, long tokens)
    {
        var now = _time.GetUtcNow();
        return [.. takes.GroupBy(t => t.Slice.Scope, StringComparer.Ordinal).Select(scope =>
        {
            var budget = scope.FirstOrDefault(t => t.Slice.IsBudget).Slice;
            var minute = scope.FirstOrDefault(t => !t.Slice.IsBudget).Slice;
            return new LimitSettlement
            {
                Scope = scope.Key,
                BudgetWindowStart = budget?.WindowStart ?? LimitWindows.BudgetStart(BudgetPeriod.Total, now),
                SpentNanos = budget is null ? 0 : spent,
                MinuteWindowStart = minute?.WindowStart ?? LimitWindows.MinuteStart(now),
                Tokens = tokens,
                Requests = 1,
            };
        })];
    }

    private bool FailsOpen => _limitOptions.OnStoreFailure.Equals(LimitStoreFailureModes.Open, StringComparison.OrdinalIgnoreCase);

    private void AddScope(string scope, LimitSettings? limits, DateTimeOffset now, List<LimitSlice> slices, List<string> parallel)
    {
        if (limits is not { Any: true })
        {
            return;
        }

        if (limits.MaxParallel is not null)
        {
            parallel.Add(scope);
        }

        if (_slices is null)
        {
            return;
        }

        if (limits.Budget is { } budget)
        {
            slices.Add(_slices.Get(scope, LimitWindows.BudgetStart(limits.BudgetPeriod, now), LimitWindows.ToNanos(budget), null, null));
        }

        if (limits.RequestsPerMinute is not null || limits.TokensPerMinute is not null)
        {
            slices.Add(_slices.Get(scope, LimitWindows.MinuteStart(now), null, limits.RequestsPerMinute, limits.TokensPerMinute));
        }
    }

    private void ReleaseParallel(IEnumerable<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (_inFlight.TryGetValue(scope, out var counter))
            {
                Interlocked.Decrement(ref counter.Value);
            }
        }
    }

    private static LimitSettings? UserLimits(TenantView view) =>
        view.State.IsMultiUser && view.UserId != SystemUser.Id ? view.User?.Limits : null;

    private static TimeSpan? RetryAfter(string? limit, LimitSettings limits, DateTimeOffset now)
    {
        if (limit == "budget_reserved")
        {
            // Requests in flight hold the budget's remainder; they end within seconds, not at the period's end.
            return TimeSpan.FromSeconds(1);
        }

        if (limit == "budget")
        {
            return LimitWindows.BudgetEnd(limits.BudgetPeriod, LimitWindows.BudgetStart(limits.BudgetPeriod, now)) is { } end ? end - now : null;
        }

        var wait = LimitWindows.MinuteStart(now).AddMinutes(1) - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private static string Describe(string scope) => scope.StartsWith(LimitScopes.KeyPrefix, StringComparison.Ordinal)
        ? $"API key {scope[4..]}"
        : $"user '{scope[5..]}'";
}
