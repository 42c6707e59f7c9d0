using System.Globalization;

namespace Switchboard.Core.Usage;

/// <summary>Turns a period name (<c>24h</c>, <c>7d</c>, <c>week</c>, <c>month</c>, <c>total</c>, <c>90m</c>…) into a time range ending now.</summary>
/// <param name="Name">The normalised name.</param>
/// <param name="From">The inclusive start.</param>
/// <param name="To">The exclusive end.</param>
public readonly record struct UsagePeriod(string Name, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Gets the suggested timeline interval: hours up to two days, days beyond.</summary>
    public bool PrefersHours => To - From <= TimeSpan.FromDays(2);

    /// <summary>Parses a period; <c>week</c> is 7 days and <c>month</c> 30 days, both rolling. Returns false for anything else.</summary>
    public static bool TryParse(string? text, DateTimeOffset now, out UsagePeriod period)
    {
        period = default;
        var name = string.IsNullOrWhiteSpace(text) ? "24h" : text.Trim().ToLowerInvariant();
        TimeSpan? span = name switch
        {
            "day" => TimeSpan.FromDays(1),
            "week" => TimeSpan.FromDays(7),
            "month" => TimeSpan.FromDays(30),
            "total" or "all" => null,
            _ => ParseSpan(name) ?? TimeSpan.MinValue,
        };
        if (span == TimeSpan.MinValue)
        {
            return false;
        }

        // A year-1 start would overflow some databases' timestamp types; the Unix epoch predates every record.
        var from = span is { } s ? now - s : DateTimeOffset.UnixEpoch;
        // The end is exclusive and must take in a record stamped in the same instant as now. SQLite keeps whole
        // milliseconds (truncated), so "now plus one tick" would still shut out a record of now's millisecond.
        period = new UsagePeriod(name, from, now.AddMilliseconds(1));
        return true;
    }

    /// <summary>Parses a count with a unit (<c>90m</c>, <c>6h</c>, <c>7d</c>, <c>2w</c>), or returns null; used for period lengths and bucket widths.</summary>
    public static TimeSpan? ParseSpan(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length < 2 || !long.TryParse(name.AsSpan(0, name.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0 || count > 100_000)
        {
            return null;
        }

        return name[^1] switch
        {
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            'w' => TimeSpan.FromDays(7 * count),
            _ => null,
        };
    }
}
