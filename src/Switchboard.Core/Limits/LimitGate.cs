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
/// <para>Budgets and per-minute limits live in the database (<see cref="ILimitStore"/>), so replicas sharing PostgreSQL enforce one
/// limit: the price of a request is reserved before the call (prompt estimate plus <c>max_tokens</c>, or a default output
/// allowance, at the user price; only the remainder when less is left) and settled with the actual price after it, and its
/// tokens are reserved on the minute counter the same way, so concurrent requests cannot overrun a budget or a
/// tokens-per-minute limit by more than one request. Callers without limits cost nothing here: no database round trip, no
/// allocation. Parallel limits are counted in memory, per replica.</para>
/// <para>The limits fail closed: a store that does not answer within <see cref="LimitOptions.StoreTimeout"/> refuses the request
/// with a 503, never admits it unchecked, unless the operator chose <see cref="LimitStoreFailureModes.Open"/>, where the request
/// runs and its spend is charged once the store is back. An admission that completes after its request gave up is released.</para>
/// </remarks>
public sealed partial class LimitGate
{
    private readonly ILimitStore? _store;
    private readonly LimitSettler? _settler;
    private readonly TenancyOptions _options;
    private readonly LimitOptions _limitOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<LimitGate> _logger;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _inFlight = new(StringComparer.Ordinal);
    private int _storeDown;

    /// <summary>Creates the gate.</summary>
    public LimitGate(ILimitStore? store, IOptions<TenancyOptions> options, TimeProvider time, ILogger<LimitGate> logger, IOptions<LimitOptions>? limitOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _limitOptions = limitOptions?.Value ?? new LimitOptions();
        _time = time;
        _logger = logger;
        _settler = store is null ? null : new LimitSettler(store, time, logger);
    }

    /// <summary>Gets the id under which this process holds its budget reservations in the store, so they are given back if it dies.</summary>
    public string HolderId { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    /// <summary>Gets the store, for the keeper that keeps this process's holds alive.</summary>
    internal ILimitStore? Store => _store;

    /// <summary>Waits (within <paramref name="timeout"/>) for settlements under way and writes the kept ones.</summary>
    public Task DrainSettlementsAsync(TimeSpan timeout) => _settler?.DrainAsync(timeout) ?? Task.CompletedTask;

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
    internal async ValueTask<(LimitLease? Lease, GatewayError? Error)> AdmitAsync(TenantView view, CatalogEntry model, long promptTokens, long? maxOutputTokens, CancellationToken cancellationToken)
    {
        var keyLimits = view.Key?.Limits;
        var userLimits = UserLimits(view);
        if (keyLimits is not { Any: true } && userLimits is not { Any: true })
        {
            return (null, null);
        }

        var now = _time.GetUtcNow();
        var outputTokens = maxOutputTokens ?? _options.DefaultOutputReserveTokens;
        var reserve = LimitWindows.ToNanos(UsageAccounting.WorstCaseUserPrice(model, promptTokens, outputTokens));
        var charges = new List<LimitCharge>(2);
        var parallel = new List<string>(2);
        AddScope(LimitScopes.Key(view.Key?.Id), keyLimits, now, reserve, promptTokens + outputTokens, HolderId, charges, parallel);
        AddScope(LimitScopes.User(view.UserId), userLimits, now, reserve, promptTokens + outputTokens, HolderId, charges, parallel);

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

        var durable = charges.Where(c => c.BudgetNanos is not null || c.RequestsPerMinute is not null || c.TokensPerMinute is not null).ToArray();
        if (durable.Length == 0 || _store is null)
        {
            return (new LimitLease(this, [], LimitAdmission.Admitted, confirmed: true, parallel), null);
        }

        try
        {
            var admission = await TryAdmitWithinBoundAsync(durable, cancellationToken).ConfigureAwait(false);
            if (admission is null)
            {
                if (FailsOpen)
                {
                    return (new LimitLease(this, durable, LimitAdmission.Admitted, confirmed: false, parallel), null);
                }

                ReleaseParallel(parallel);
                return (null, GatewayErrors.LimitsUnavailable(TimeSpan.FromSeconds(Math.Max(1, _limitOptions.StoreTimeout.TotalSeconds))));
            }

            if (!admission.Accepted)
            {
                ReleaseParallel(parallel);
                var scopeLimits = admission.Scope!.StartsWith(LimitScopes.KeyPrefix, StringComparison.Ordinal) ? keyLimits! : userLimits!;
                return (null, GatewayErrors.LimitExceeded(admission.Limit ?? "rpm", Describe(admission.Scope), RetryAfter(admission.Limit, scopeLimits, now)));
            }

            return (new LimitLease(this, durable, admission, confirmed: true, parallel), null);
        }
        catch
        {
            // The client went away while the store was asked: the slots taken above go back before the cancellation moves on.
            ReleaseParallel(parallel);
            throw;
        }
    }

    internal void Release(LimitLease lease, UsageRecord record)
    {
        ReleaseParallel(lease.ParallelScopes);
        if (lease.Charges.Count == 0 || _settler is null)
        {
            return;
        }

        var spent = LimitWindows.ToNanos(record.UserPrice);
        var tokens = record.Tokens.InputTokens + record.Tokens.OutputTokens;
        _settler.Settle([.. lease.Charges.Select(c => new LimitSettlement
        {
            Scope = c.Scope,
            Holder = c.Holder,
            BudgetWindowStart = c.BudgetWindowStart,
            ReservedNanos = lease.Confirmed ? lease.Admission.ReservedFor(c) : 0,
            SpentNanos = c.BudgetNanos is null ? 0 : spent,
            MinuteWindowStart = c.MinuteWindowStart,
            Tokens = tokens,
            ReservedTokens = lease.Confirmed && c.TokensPerMinute is not null ? c.ReserveTokens : 0,
            Requests = lease.Confirmed ? 0 : 1,
        })]);
    }

    /// <summary>Asks the store to admit, waiting at most <see cref="LimitOptions.StoreTimeout"/>; returns null with the reason when it could not answer in time.</summary>
    /// <remarks>
    /// The token given to the store is cancelled at the bound, but a store may be stuck where tokens are not checked (SQLite's
    /// busy handler), so the wait is bounded separately; an admission that completes after the bound is settled as not used.
    /// Only one admission at a time can be stuck that way: the SQLite dialect lets one writer of this process past its gate.
    /// </remarks>
    private async Task<LimitAdmission?> TryAdmitWithinBoundAsync(LimitCharge[] charges, CancellationToken cancellationToken)
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(_limitOptions.StoreTimeout);
        // Started on the pool, not inline: a store can block synchronously before its first await (SQLite's busy handler
        // waits inside BEGIN IMMEDIATE), and an inline call would hold this request past the bound.
        var token = bound.Token;
        var admitting = Task.Run(() => _store!.TryAdmitAsync(charges, token), CancellationToken.None);
        try
        {
            var admission = await admitting.WaitAsync(_limitOptions.StoreTimeout, _time, cancellationToken).ConfigureAwait(false);
            bound.Dispose();
            if (Interlocked.Exchange(ref _storeDown, 0) != 0)
            {
                LogStoreRecovered(_logger);
            }

            return admission;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Logged once per outage, not per refused request.
            if (Interlocked.Exchange(ref _storeDown, 1) == 0)
            {
                LogStoreUnavailable(_logger, FailsOpen ? LimitStoreFailureModes.Open : LimitStoreFailureModes.Closed, e);
            }

            _ = ReleaseLateAdmissionAsync(admitting, charges, bound);
            return null;
        }
        catch
        {
            _ = ReleaseLateAdmissionAsync(admitting, charges, bound);
            throw;
        }
    }

    private bool FailsOpen => _limitOptions.OnStoreFailure.Equals(LimitStoreFailureModes.Open, StringComparison.OrdinalIgnoreCase);

    /// <summary>Gives back what an admission reserved after its request stopped waiting for it.</summary>
    /// <remarks>Owns <paramref name="bound"/> from here: the store may still be using its token.</remarks>
    private async Task ReleaseLateAdmissionAsync(Task<LimitAdmission> admitting, LimitCharge[] charges, CancellationTokenSource bound)
    {
        LimitAdmission admission;
        try
        {
            admission = await admitting.ConfigureAwait(false);
        }
        catch
        {
            // A failed or cancelled admission rolled back and reserved nothing.
            return;
        }
        finally
        {
            bound.Dispose();
        }

        if (admission.Accepted)
        {
            _settler!.Settle([.. charges.Select(c => new LimitSettlement
            {
                Scope = c.Scope,
                Holder = c.Holder,
                BudgetWindowStart = c.BudgetWindowStart,
                ReservedNanos = admission.ReservedFor(c),
                MinuteWindowStart = c.MinuteWindowStart,
                ReservedTokens = c.TokensPerMinute is not null ? c.ReserveTokens : 0,
            })]);
        }
    }

    private static void AddScope(string scope, LimitSettings? limits, DateTimeOffset now, long reserve, long reserveTokens, string holder, List<LimitCharge> charges, List<string> parallel)
    {
        if (limits is not { Any: true })
        {
            return;
        }

        if (limits.MaxParallel is not null)
        {
            parallel.Add(scope);
        }

        charges.Add(new LimitCharge
        {
            Scope = scope,
            Holder = holder,
            BudgetWindowStart = LimitWindows.BudgetStart(limits.BudgetPeriod, now),
            BudgetNanos = limits.Budget is { } budget ? LimitWindows.ToNanos(budget) : null,
            ReserveNanos = reserve,
            MinuteWindowStart = LimitWindows.MinuteStart(now),
            RequestsPerMinute = limits.RequestsPerMinute,
            TokensPerMinute = limits.TokensPerMinute,
            ReserveTokens = reserveTokens,
        });
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The limit store did not answer in time. Until it does, requests with budgets or rate limits follow OnStoreFailure '{Mode}': 'closed' refuses them (503 limits_unavailable), 'open' runs them and charges their spend once the store is back.")]
    private static partial void LogStoreUnavailable(ILogger logger, string mode, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The limit store answers again.")]
    private static partial void LogStoreRecovered(ILogger logger);
}
