using System.Globalization;

namespace Switchboard.Console.Pages.Overview;

/// <summary>Formats counts, shares and durations the same way on the overview, usage and playground pages, independent of the browser's culture.</summary>
public static class Figures
{
    /// <summary>Formats a count with thousands separators, such as <c>12,345</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats a share of 0..1 as a percentage with one decimal, such as <c>2.5%</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Formats milliseconds without decimals, such as <c>840 ms</c>; null shows a dash.</summary>
    public static string Millis(double? value) => value is { } ms ? ms.ToString("N0", CultureInfo.InvariantCulture) + " ms" : "–";

    /// <summary>Formats a UTC time as the browser's local <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static string Time(DateTimeOffset value) => value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
