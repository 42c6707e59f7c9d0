using System.Globalization;
using System.Numerics;

namespace Switchboard.Console.Pages.Accounts;

/// <summary>Formats money, times and limits the same way on every account page, independent of the browser's culture.</summary>
public static class Display
{
    /// <summary>Formats an amount in USD with up to six decimals, so a fraction of a cent still shows.</summary>
    public static string Usd(decimal? amount) => amount is { } value ? "$" + value.ToString("0.00####", CultureInfo.InvariantCulture) : "—";

    /// <summary>Formats a time in UTC to the minute.</summary>
    public static string Time(DateTimeOffset? time) => time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>Formats a number, or a dash when it is not set.</summary>
    public static string Number(long? value) => value is { } number ? number.ToString("N0", CultureInfo.InvariantCulture) : "—";

    /// <summary>Formats what is spent of a budget, e.g. "$0.12 / $5.00 (month)".</summary>
    public static string Spend(SpendItem spend) => $"{Usd(spend.Spent)} / {Usd(spend.Budget)} ({spend.BudgetPeriod})";

    /// <summary>Returns how much of a budget is spent or reserved, 0 to 100, for a progress bar.</summary>
    public static double Percent(SpendItem spend) => spend.Budget <= 0 ? 100 : (double)Math.Min(100m, (spend.Spent + spend.Reserved) * 100m / spend.Budget);

    /// <summary>Formats rate and parallel limits, e.g. "60 rpm · 10,000 tpm · 2 parallel", or a dash for none.</summary>
    public static string Limits(int? rpm, long? tpm, int? parallel)
    {
        var parts = new List<string>(3);
        if (rpm is { } r)
        {
            parts.Add(Number(r) + " rpm");
        }

        if (tpm is { } t)
        {
            parts.Add(Number(t) + " tpm");
        }

        if (parallel is { } p)
        {
            parts.Add(Number(p) + " ∥");
        }

        return parts.Count == 0 ? "—" : string.Join(" · ", parts);
    }

    /// <summary>Splits a comma-separated field into trimmed, non-empty items.</summary>
    public static List<string> Items(string? text) => [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Reads an optional number typed in a form, invariantly: empty is null and succeeds; anything else must parse.</summary>
    public static bool TryNumber<TNumber>(string? text, out TNumber? value)
        where TNumber : struct, INumber<TNumber>
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (TNumber.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
