using System.Globalization;
using System.Net.Http.Headers;

namespace Switchboard.Providers.Http;

/// <summary>Reads how long an upstream asked us to wait, from <c>retry-after-ms</c>, <c>Retry-After</c> or <c>x-ratelimit-reset-*</c>.</summary>
internal static class RetryAfterParser
{
    // Only a sanity bound for parsing: how long a key actually waits, and what the client is told, is capped in Core (FailoverPolicy).
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(10);

    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider? time = null)
    {
        var headers = response.Headers;
        if (headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return Clamp(TimeSpan.FromMilliseconds(ms));
        }

        if (headers.RetryAfter is RetryConditionHeaderValue retry)
        {
            if (retry.Delta is { } delta)
            {
                return Clamp(delta);
            }

            if (retry.Date is { } date)
            {
                var now = (time ?? TimeProvider.System).GetUtcNow();
                return Clamp(date - now);
            }
        }

        foreach (var name in ResetHeaders)
        {
            if (headers.TryGetValues(name, out var values) && TryParseDuration(values.FirstOrDefault(), out var reset))
            {
                return Clamp(reset);
            }
        }

        return null;
    }

    private static readonly string[] ResetHeaders = ["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"];

    /// <summary>Parses Go-style durations (<c>1s</c>, <c>6m0s</c>, <c>12ms</c>) and plain seconds (Azure).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds < 0)
            {
                return false;
            }

            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        double totalMs = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            var factor = text.AsSpan(unitStart, i - unitStart) switch
            {
                "h" => 3_600_000d,
                "m" => 60_000d,
                "s" => 1_000d,
                "ms" => 1d,
                "us" or "µs" => 0.001d,
                "ns" => 0.000001d,
                _ => double.NaN,
            };
            if (double.IsNaN(factor))
            {
                return false;
            }

            totalMs += value * factor;
        }

        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    private static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value > Cap ? Cap : value;
}
