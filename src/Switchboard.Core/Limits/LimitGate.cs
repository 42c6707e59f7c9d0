using System.Collections.Concurrent;
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
/// Budgets and per-minute limits live in the database (<see cref="ILimitStore"/>), so replicas sharing PostgreSQL enforce one
/// limit: the price of a request is reserved before the call (prompt estimate plus <c>max_tokens</c>, or a default output
/// allowance, at the user price) and settled with the actual price after it, so concurrent requests cannot overrun a budget.
/// Callers without limits cost nothing here: no database round trip, no allocation. Parallel limits are counted in memory,
/// per replica. If the limit store fails, requests are admitted and the failure is logged: an outage of the counters must
/// not become an outage of the gateway.
/// </remarks>
public sealed partial class LimitGate
{
    private readonly ILimitStore? _store;
    private readonly TenancyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LimitGate> _logger;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Creates the gate.</summary>
    public LimitGate(ILimitStore? store, IOptions<TenancyOptions> options, TimeProvider time, ILogger<LimitGate> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Returns whether the caller's key or user has any limit, so callers without limits skip the gate entirely.</summary>
    internal static bool AppliesTo(TenantView view) => view.Key?.Limits is { Any: true } || UserLimits(view) is { Any: true };

    internal async ValueTask<(LimitLease? Lease, GatewayError? Error)> AdmitAsync(TenantView view, CatalogEntry model, long promptTokens, int? maxTokens, CancellationToken cancellationToken)
    {
        var keyLimits = view.Key?.Limits;
        var userLimits = UserLimits(view);
        if (keyLimits is not { Any: true } && userLimits is not { Any: true })
        {
            return (null, null);
        }

        var now = _time.GetUtcNow();
        var reserve = LimitWindows.ToNanos(UsageAccounting.WorstCaseUserPrice(model, promptTokens, maxTokens ?? _options.DefaultOutputReserveTokens));
        var charges = new List<LimitCharge>(2);
        var parallel = new List<string>(2);
        AddScope($"key:{view.Key?.Id}", keyLimits, now, reserve, charges, parallel);
        AddScope($"user:{view.UserId}", userLimits, now, reserve, charges, parallel);

        for (var i = 0; i < parallel.Count; i++)
        {
            var limit = parallel[i].StartsWith("key:", StringComparison.Ordinal) ? keyLimits!.MaxParallel!.Value : userLimits!.MaxParallel!.Value;
            var counter = _inFlight.GetOrAdd(parallel[i], _ => new StrongBox<int>());
            if (Interlocked.Increment(ref counter.Value) > limit)
            {
                Interlocked.Decrement(ref counter.Value);
                ReleaseParallel(parallel.Take(i));
                return (null, GatewayErrors.LimitExceeded("parallel", Describe(parallel[i]), TimeSpan.FromSeconds(1)));
            }
        }

        var durable = charges.Where(c => c.BudgetNanos is not null || c.RequestsPerMinute is not null || c.TokensPerMinute is not null).ToArray();
        if (durable.Length > 0 && _store is not null)
        {
            try
            {
                var admission = await _store.TryAdmitAsync(durable, cancellationToken).ConfigureAwait(false);
                if (!admission.Accepted)
                {
                    ReleaseParallel(parallel);
                    var scopeLimits = admission.Scope!.StartsWith("key:", StringComparison.Ordinal) ? keyLimits! : userLimits!;
                    return (null, GatewayErrors.LimitExceeded(admission.Limit ?? "rpm", Describe(admission.Scope), RetryAfter(admission.Limit, scopeLimits, now)));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStoreFailed(_logger, e);
                durable = [];
            }
        }

        return (new LimitLease(this, durable, parallel), null);
    }

    /// <summary>Gets how many requests of a scope are in flight on this replica.</summary>
    public int InFlight(string scope) => _inFlight.TryGetValue(scope, out var counter) ? Volatile.Read(ref counter.Value) : 0;

    internal void Release(LimitLease lease, UsageRecord record)
    {
        ReleaseParallel(lease.ParallelScopes);
        if (lease.Charges.Count == 0 || _store is null)
        {
            return;
        }

        var spent = LimitWindows.ToNanos(record.UserPrice);
        var tokens = record.Tokens.InputTokens + record.Tokens.OutputTokens;
        var settlements = lease.Charges.Select(c => new LimitSettlement
        {
            Scope = c.Scope,
            BudgetWindowStart = c.BudgetWindowStart,
            ReservedNanos = c.BudgetNanos is null ? 0 : c.ReserveNanos,
            SpentNanos = c.BudgetNanos is null ? 0 : spent,
            MinuteWindowStart = c.MinuteWindowStart,
            Tokens = tokens,
        }).ToArray();
        _ = SettleAsync(settlements);
    }

    private async Task SettleAsync(LimitSettlement[] settlements)
    {
        try
        {
            await _store!.SettleAsync(settlements, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Settling runs after the response; a failure leaves the reservation counted, which errs on the side of the budget.
            LogSettleFailed(_logger, e);
        }
    }

    private static void AddScope(string scope, LimitSettings? limits, DateTimeOffset now, long reserve, List<LimitCharge> charges, List<string> parallel)
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
            BudgetWindowStart = LimitWindows.BudgetStart(limits.BudgetPeriod, now),
            BudgetNanos = limits.Budget is { } budget ? LimitWindows.ToNanos(budget) : null,
            ReserveNanos = reserve,
            MinuteWindowStart = LimitWindows.MinuteStart(now),
            RequestsPerMinute = limits.RequestsPerMinute,
            TokensPerMinute = limits.TokensPerMinute,
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
        if (limit == "budget")
        {
            return LimitWindows.BudgetEnd(limits.BudgetPeriod, LimitWindows.BudgetStart(limits.BudgetPeriod, now)) is { } end ? end - now : null;
        }

        var wait = LimitWindows.MinuteStart(now).AddMinutes(1) - now;
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }

    private static string Describe(string scope) => scope.StartsWith("key:", StringComparison.Ordinal)
        ? $"API key {scope[4..]}"
        : $"user '{scope[5..]}'";

    [LoggerMessage(Level = LogLevel.Error, Message = "The limit store failed; the request is admitted without its budget and rate checks.")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling a request's budget reservation failed; the reservation stays counted.")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception);
}
