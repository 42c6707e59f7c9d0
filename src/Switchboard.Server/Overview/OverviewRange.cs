using System.Globalization;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Usage;
using Switchboard.Server.Admin;
using Switchboard.Server.Http;
using Switchboard.Server.Status;

namespace Switchboard.Server.Overview;

/// <summary>Reads an overview's period and cut from the query string: <c>from</c>/<c>to</c> or <c>period</c>, <c>bucket</c>, <c>utc_offset</c>, <c>top</c>.</summary>
/// <remarks>
/// The bounds keep one call cheap whatever is asked: at most <see cref="MaxPeriod"/> and
/// <see cref="UsageOverviewQuery.MaxBuckets"/> buckets of at least a minute. Without <c>bucket</c> the narrowest of
/// <see cref="AutoBuckets"/> that gives at most <see cref="AutoBucketCount"/> buckets is used.
/// </remarks>
internal static class OverviewRange
{
    /// <summary>The longest period one overview covers.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    /// <summary>The most buckets an automatically chosen width gives.</summary>
    public const int AutoBucketCount = 120;

    private const int DefaultTop = 10;

    private static readonly TimeSpan[] AutoBuckets =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(3),
        TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(7),
    ];

    /// <summary>Builds the store query, or the 400 that names the first bad parameter.</summary>
    public static GatewayError? TryParse(
        DateTimeOffset now, string? from, string? to, string? period, string? bucket, string? utcOffset, string? top, string? userId, out UsageOverviewQuery query)
    {
        query = null!;
        if (AdminQuery.FirstError(AdminQuery.Time(from, "from", out var start), AdminQuery.Time(to, "to", out var end)) is { } badTime)
        {
            return badTime;
        }

        if (!string.IsNullOrEmpty(period) && (start is not null || end is not null))
        {
            return JsonRequest.Invalid("period", "Give either 'period' or 'from'/'to', not both.");
        }

        if (start is null && end is null)
        {
            if (!UsagePeriod.TryParse(period, now, out var named) || named.Name is "total" or "all")
            {
                return JsonRequest.Invalid("period", $"'period' must be 24h, 7d, week, month or a count with m, h, d or w of at most {MaxPeriod.TotalDays:0} days (got '{period}').");
            }

            (start, end) = (named.From, named.To);
        }

        end ??= now;
        start ??= end.Value - TimeSpan.FromDays(1);
        if (end <= start)
        {
            return JsonRequest.Invalid("to", "'to' must be later than 'from'.");
        }

        var span = end.Value - start.Value;
        if (span > MaxPeriod + TimeSpan.FromMinutes(1))
        {
            return JsonRequest.Invalid(string.IsNullOrEmpty(period) ? "from" : "period", $"The period may be at most {MaxPeriod.TotalDays:0} days.");
        }

        if (!StatusQuery.TryParseOffset(utcOffset, out var offset))
        {
            return JsonRequest.Invalid("utc_offset", "'utc_offset' must look like +08:00 or -05:00.");
        }

        TimeSpan width;
        if (string.IsNullOrWhiteSpace(bucket))
        {
            width = AutoBuckets.FirstOrDefault(w => Count(span, w) <= AutoBucketCount, AutoBuckets[^1]);
        }
        else if (UsagePeriod.ParseSpan(bucket.Trim().ToLowerInvariant()) is not { } parsed || parsed < TimeSpan.FromMinutes(1))
        {
            return JsonRequest.Invalid("bucket", $"'bucket' must be a count with m, h, d or w of at least 1m, e.g. 5m, 1h, 1d (got '{bucket}').");
        }
        else if (Count(span, parsed) > UsageOverviewQuery.MaxBuckets)
        {
            return JsonRequest.Invalid("bucket", $"The period holds {Count(span, parsed)} buckets of {bucket}; at most {UsageOverviewQuery.MaxBuckets} are allowed, so choose a wider bucket.");
        }
        else
        {
            width = parsed;
        }

        var count = DefaultTop;
        if (!string.IsNullOrEmpty(top) && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > UsageOverviewQuery.MaxTop))
        {
            return JsonRequest.Invalid("top", $"'top' must be a whole number from 1 to {UsageOverviewQuery.MaxTop}.");
        }

        query = new UsageOverviewQuery(new UsageQuery(start.Value, end.Value, userId), width, offset, count);
        return null;
    }

    /// <summary>Writes a bucket width the way <c>bucket=</c> takes it (<c>15m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>).</summary>
    public static string Name(TimeSpan width) =>
        width.Ticks % TimeSpan.FromDays(7).Ticks == 0 ? $"{width.Ticks / TimeSpan.FromDays(7).Ticks}w"
        : width.Ticks % TimeSpan.TicksPerDay == 0 ? $"{width.Ticks / TimeSpan.TicksPerDay}d"
        : width.Ticks % TimeSpan.TicksPerHour == 0 ? $"{width.Ticks / TimeSpan.TicksPerHour}h"
        : $"{width.Ticks / TimeSpan.TicksPerMinute}m";

    /// <summary>Counts the buckets a period touches at most (one more when its start is not on a bucket boundary).</summary>
    private static long Count(TimeSpan span, TimeSpan width) => ((span.Ticks + width.Ticks - 1) / width.Ticks) + 1;
}
