using System.Globalization;
using System.Numerics;

namespace Switchboard.Console.Shared;

/// <summary>Formats money, numbers, times and limits and reads list and number fields the same way on every page, independent of the browser's culture.</summary>
public static class Display
{
    /// <summary>Formats an amount in USD such as <c>$0.15</c> or <c>-$0.15</c>, keeping up to six decimals so a fraction of a cent and per-token prices still show; a dash when unset.</summary>
    public static string Usd(decimal? amount) => amount is { } value
        ? (value < 0 ? "-$" : "$") + Math.Abs(value).ToString("0.00####", CultureInfo.InvariantCulture)
        : "—";

    /// <summary>Formats an input and output price per 1M tokens as <c>$0.15 / $0.60</c>.</summary>
    public static string PerMillion(decimal input, decimal output) => Usd(input) + " / " + Usd(output);

    /// <summary>Formats a time in UTC to the minute, or to the second where events come close together; a dash when unset.</summary>
    public static string Time(DateTimeOffset? time, bool seconds = false) => time is { } value
        ? value.UtcDateTime.ToString(seconds ? "yyyy-MM-dd HH:mm:ss 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
        : "—";

    /// <summary>Formats a number, or a dash when it is not set.</summary>
    public static string Number(long? value) => value is { } number ? number.ToString("N0", CultureInfo.InvariantCulture) : "—";

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

    /// <summary>Returns a form field's text trimmed, or null when it is empty, so an untouched field is left out of a request.</summary>
    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Splits a comma-separated field into trimmed, non-empty items.</summary>
    public static List<string> Items(string? text) => [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Formats a budget and its period, e.g. "$5.00 (month)", or <paramref name="none"/> without a budget.</summary>
    public static string Budget(decimal? budget, string period, string none) => budget is null ? none : $"{Usd(budget)} ({period})";

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
