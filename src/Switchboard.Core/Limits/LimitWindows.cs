using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Core.Limits;

/// <summary>Computes the calendar-aligned UTC windows that budgets and per-minute limits count over.</summary>
public static class LimitWindows
{
    /// <summary>Returns the start of the budget window that contains <paramref name="now"/>.</summary>
    public static DateTimeOffset BudgetStart(BudgetPeriod period, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return period switch
        {
            BudgetPeriod.Day => day,
            BudgetPeriod.Week => day.AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
            BudgetPeriod.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => DateTimeOffset.UnixEpoch,
        };
    }

    /// <summary>Returns the end of the budget window starting at <paramref name="start"/>, or null for a total budget.</summary>
    public static DateTimeOffset? BudgetEnd(BudgetPeriod period, DateTimeOffset start) => period switch
    {
        BudgetPeriod.Day => start.AddDays(1),
        BudgetPeriod.Week => start.AddDays(7),
        BudgetPeriod.Month => start.AddMonths(1),
        _ => null,
    };

    /// <summary>Returns the start of the minute that contains <paramref name="now"/>.</summary>
    public static DateTimeOffset MinuteStart(DateTimeOffset now)
    {
        var ticks = now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    /// <summary>Converts USD to nano-USD, rounding up so a reservation never undercounts.</summary>
    public static long ToNanos(decimal usd) => usd <= 0 ? 0 : usd >= MaxNanosUsd ? long.MaxValue : (long)Math.Ceiling(usd * 1_000_000_000m);

    /// <summary>The amount in USD whose nano-USD no longer fit a <see cref="long"/>; larger amounts count as <see cref="long.MaxValue"/>.</summary>
    private const decimal MaxNanosUsd = long.MaxValue / 1_000_000_000m;
}
