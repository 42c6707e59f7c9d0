using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Limits;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Auth;
using Switchboard.Server.Tenancy;
using Switchboard.Tenancy;

namespace Switchboard.Server.Spend;

/// <summary>Serves spend against budget: every budget for admins (<c>/api/admin/spend</c>), and the caller's own (<c>/api/v1/status/budget</c>).</summary>
/// <remarks>
/// The numbers are the limit counters the gateway enforces budgets with, not a sum over usage records, so what the
/// console shows is exactly what decides the next 429. One counter read per budget; only budgets are read.
/// </remarks>
internal static class SpendEndpoints
{
    /// <summary>Scopes whose counters one admin listing reads at most, so one request cannot fan out without bound.</summary>
    private const int MaxBudgets = 2000;

    public static IEndpointRouteBuilder MapSpendEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/spend", ListAsync)
            .WithTags("Admin: virtual keys")
            .WithSummary("Lists every budget of a live virtual key or a user with what is spent and reserved of it in the current window (at most 2000).")
            .Produces<DataList<SpendView>>();
        routes.MapGet("/api/v1/status/budget", OwnAsync)
            .WithTags("Status")
            .WithSummary("Lists the caller's budgets (their key's and their user's) with what is spent and reserved of them in the current window.")
            .Produces<DataList<SpendView>>();
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ISwitchboardStore store, TenancyService tenancy, TimeProvider time, CancellationToken cancellationToken)
    {
        var data = await store.LoadAsync(cancellationToken);
        var now = time.GetUtcNow();
        var budgets = data.VirtualKeys.Where(k => k.RevokedAt is null && (k.ExpiresAt is null || k.ExpiresAt > now)).Select(KeyBudget)
            .Concat(tenancy.ListUsers().Select(UserBudget))
            .Where(b => b.Limits.Budget is not null)
            .Take(MaxBudgets);
        return TypedResults.Ok(new DataList<SpendView>(await ReadAsync(context, budgets, now, cancellationToken)));
    }

    private static async Task<IResult> OwnAsync(HttpContext context, ISwitchboardStore store, TenancyService tenancy, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var budgets = new List<Budget>(2);
        if (caller.VirtualKeyId is { } keyId && (await store.LoadAsync(cancellationToken)).VirtualKeys.FirstOrDefault(k => k.Id == keyId) is { } key)
        {
            budgets.Add(KeyBudget(key));
        }

        if (caller.UserId != SystemUser.Id && tenancy.GetUser(caller.UserId) is { } user)
        {
            budgets.Add(UserBudget(user));
        }

        return TypedResults.Ok(new DataList<SpendView>(await ReadAsync(context, budgets.Where(b => b.Limits.Budget is not null), time.GetUtcNow(), cancellationToken)));
    }

    private static async Task<IReadOnlyList<SpendView>> ReadAsync(HttpContext context, IEnumerable<Budget> budgets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The gateway registers a limit store with its database; an embedder without one has no counters to show.
        var limits = context.RequestServices.GetService<ILimitStore>();
        var minute = LimitWindows.MinuteStart(now);
        var views = new List<SpendView>();
        foreach (var budget in budgets)
        {
            var period = budget.Limits.BudgetPeriod;
            var start = LimitWindows.BudgetStart(period, now);
            var counters = limits is null ? null : await limits.GetCountersAsync(budget.CounterScope, start, minute, cancellationToken);
            var amount = budget.Limits.Budget!.Value;
            var spent = Usd(counters?.SpentNanos ?? 0);
            var reserved = Usd(counters?.ReservedNanos ?? 0);
            views.Add(new SpendView(budget.Scope, budget.Id, budget.Name, amount, LimitFields.PeriodName(period), start, LimitWindows.BudgetEnd(period, start),
                spent, reserved, Math.Max(0, amount - spent - reserved)));
        }

        return views;
    }

    // The counter scopes are the ones LimitGate charges: "key:<id>" and "user:<id>".
    private static Budget KeyBudget(VirtualKeyRecord key) => new("key", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), key.Name, $"key:{key.Id}", key.Limits);

    private static Budget UserBudget(UserRecord user) => new("user", user.Id, user.DisplayName, $"user:{user.Id}", user.Limits);

    private static decimal Usd(long nanos) => nanos / 1_000_000_000m;

    private sealed record Budget(string Scope, string Id, string? Name, string CounterScope, LimitSettings Limits);
}
