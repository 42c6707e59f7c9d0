using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Core.Limits;

namespace Switchboard.Server.Budgets;

/// <summary>Reads the spend against budget of many keys or users at once, from the same counters the limit gate enforces.</summary>
/// <remarks>
/// One query per list: every scope of the kind in the current day, week, month and total windows; each item then takes
/// the row of its own period's window. Items without a budget get no spend (their requests keep no budget counter).
/// </remarks>
internal sealed class BudgetSpendReader
{
    private const decimal NanosPerUsd = 1_000_000_000m;

    private readonly Dictionary<(string Scope, DateTimeOffset Start), BudgetCounter> _counters;
    private readonly DateTimeOffset _now;

    private BudgetSpendReader(IEnumerable<BudgetCounter> counters, DateTimeOffset now)
    {
        _counters = counters.ToDictionary(c => (c.Scope, c.WindowStart));
        _now = now;
    }

    /// <summary>Reads the counters of every scope starting with <paramref name="scopePrefix"/> (<c>key:</c> or <c>user:</c>) in the windows current at <paramref name="now"/>.</summary>
    public static async Task<BudgetSpendReader> ReadAsync(ILimitStore store, string scopePrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windows = Enum.GetValues<BudgetPeriod>().Select(p => LimitWindows.BudgetStart(p, now)).Distinct().ToList();
        return new BudgetSpendReader(await store.ListBudgetCountersAsync(scopePrefix, windows, cancellationToken), now);
    }

    /// <summary>Reads one key's or user's spend against its budget with an exact read of its own counter, or null when it has no budget.</summary>
    /// <remarks>A list reads every scope of its kind at once (<see cref="ReadAsync"/>); one caller reads only its own row.</remarks>
    public static async Task<BudgetSpendView?> ReadOneAsync(ILimitStore store, string scope, LimitSettings limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (limits.Budget is null)
        {
            return null;
        }

        var start = LimitWindows.BudgetStart(limits.BudgetPeriod, now);
        var counters = await store.GetCountersAsync(scope, start, LimitWindows.MinuteStart(now), cancellationToken);
        return new BudgetSpendReader([new BudgetCounter(scope, start, counters.SpentNanos, counters.ReservedNanos)], now).Spend(scope, limits);
    }

    /// <summary>Returns the spend of <paramref name="scope"/> against its budget, or null when it has none.</summary>
    public BudgetSpendView? Spend(string scope, LimitSettings limits)
    {
        if (limits.Budget is not { } budget)
        {
            return null;
        }

        var start = LimitWindows.BudgetStart(limits.BudgetPeriod, _now);
        var counter = _counters.GetValueOrDefault((scope, start));
        var spent = (counter?.SpentNanos ?? 0) / NanosPerUsd;
        var reserved = (counter?.ReservedNanos ?? 0) / NanosPerUsd;
        return new BudgetSpendView(
            spent,
            reserved,
            Math.Max(0m, budget - spent - reserved),
            budget == 0 ? 100m : Math.Round(spent / budget * 100m, 2),
            start,
            LimitWindows.BudgetEnd(limits.BudgetPeriod, start));
    }
}
