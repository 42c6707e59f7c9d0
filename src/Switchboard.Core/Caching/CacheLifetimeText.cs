using System.Globalization;

namespace Switchboard.Core.Caching;

/// <summary>Reads a cache lifetime written as whole seconds (<c>300</c>) or with a unit (<c>300s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>).</summary>
public static class CacheLifetimeText
{
    /// <summary>Returns the lifetime in seconds, or null when the text is not a positive lifetime of at most a year.</summary>
    public static int? Seconds(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var unit = value[^1] switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => 0,
        };
        var digits = unit == 0 ? value : value[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var seconds = count * Math.Max(unit, 1);
        return seconds is >= 1 and <= 366 * 86400 ? (int)seconds : null;
    }
}
