using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Usage;
using Switchboard.Server.Status.Views;

namespace Switchboard.Server.Status;

/// <summary>One usage report's query: period, grouping, timeline interval and UTC offset; the usage route and the CLI's <c>usage</c> share its parsing and its view.</summary>
/// <param name="Range">The period.</param>
/// <param name="Grouping">The grouping of the groups.</param>
/// <param name="Interval">The timeline's bucket.</param>
/// <param name="Offset">The UTC offset of the timeline's day boundaries.</param>
internal sealed record UsageReport(UsagePeriod Range, UsageGrouping Grouping, UsageInterval Interval, TimeSpan Offset)
{
    /// <summary>Parses the query parameters of <c>/api/v1/status/usage</c>; the error names the parameter at fault.</summary>
    public static (UsageReport? Report, GatewayError? Error) Parse(string? period, string? groupBy, string? interval, string? utcOffset, DateTimeOffset now)
    {
        if (!UsagePeriod.TryParse(period, now, out var range))
        {
            return (null, BadPeriod(period));
        }

        if (!StatusQuery.TryParseGrouping(groupBy, UsageGrouping.Model, out var grouping))
        {
            return (null, GatewayErrors.InvalidRequest($"'group_by' must be one of model, agent, provider, platform, key, upstream_key, user, slot, protocol, none (got '{groupBy}').", "group_by", "invalid_value"));
        }

        if (!StatusQuery.TryParseOffset(utcOffset, out var offset))
        {
            return (null, GatewayErrors.InvalidRequest("'utc_offset' must look like +08:00 or -05:00.", "utc_offset", "invalid_value"));
        }

        var bucket = interval?.ToLowerInvariant() switch
        {
            null or "" => range.PrefersHours ? UsageInterval.Hour : UsageInterval.Day,
            "hour" => UsageInterval.Hour,
            "day" => UsageInterval.Day,
            _ => (UsageInterval?)null,
        };
        return bucket is null
            ? (null, GatewayErrors.InvalidRequest("'interval' must be 'hour' or 'day'.", "interval", "invalid_value"))
            : (new UsageReport(range, grouping, bucket.Value, offset), null);
    }

    /// <summary>Creates the error for a period that does not parse.</summary>
    public static GatewayError BadPeriod(string? period) => GatewayErrors.InvalidRequest(
        $"'period' must be 24h, 7d, week, month, total or a count with m, h, d or w (got '{period}').", "period", "invalid_value");

    /// <summary>Reads the totals, the groups and the timeline of <paramref name="userId"/> (null for everyone); costs only when <paramref name="showCost"/>.</summary>
    public async Task<UsageView> RunAsync(IUsageStore store, string? userId, bool showCost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var query = new UsageQuery(Range.From, Range.To, userId);
        var groups = await store.AggregateAsync(query, Grouping, cancellationToken);
        var timeline = await store.TimelineAsync(query, Interval, Offset, cancellationToken);
        return new UsageView(
            Range.Name,
            Range.From,
            Range.To,
            userId,
            StatusQuery.Name(Grouping),
            Interval.ToString().ToLowerInvariant(),
            StatusViews.Totals(StatusViews.Sum(groups), showCost),
            [.. groups.Select(g => new UsageGroupView(g.Key, StatusViews.Totals(g.Totals, showCost)))],
            [.. timeline.Select(b => new UsageBucketView(b.Start, StatusViews.Totals(b.Totals, showCost)))]);
    }
}
