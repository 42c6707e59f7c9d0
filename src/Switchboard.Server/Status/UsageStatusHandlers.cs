using Microsoft.AspNetCore.Mvc;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Usage;
using Switchboard.Server.Admin;
using Switchboard.Server.Auth;
using Switchboard.Server.Status.Views;

namespace Switchboard.Server.Status;

/// <summary>Answers the usage, performance and cost status routes from the usage store.</summary>
internal static class UsageStatusHandlers
{
    public static async Task<IResult> UsageAsync(
        HttpContext context, IUsageStore store, TimeProvider time, string? period, [FromQuery(Name = "user_id")] string? userIdFilter, [FromQuery(Name = "group_by")] string? groupBy, string? interval, [FromQuery(Name = "utc_offset")] string? utcOffset, CancellationToken cancellationToken)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        if (userIdFilter is not null && !caller.IsAdmin && userIdFilter != caller.UserId)
        {
            return StatusEndpoints.AdminOnly();
        }

        var (report, error) = UsageReport.Parse(period, groupBy, interval, utcOffset, time.GetUtcNow());
        if (error is not null)
        {
            return AdminResults.Error(error);
        }

        var userId = caller.IsAdmin ? userIdFilter : caller.UserId;
        return TypedResults.Ok(await report!.RunAsync(store, userId, showCost: caller.IsAdmin, cancellationToken));
    }

    public static async Task<IResult> PerformanceAsync(HttpContext context, IUsageStore store, TimeProvider time, string? period, CancellationToken cancellationToken)
    {
        if (!StatusEndpoints.IsAdmin(context))
        {
            return StatusEndpoints.AdminOnly();
        }

        if (!UsagePeriod.TryParse(period, time.GetUtcNow(), out var range))
        {
            return BadPeriod(period);
        }

        var sources = await store.PerformanceAsync(new UsageQuery(range.From, range.To), cancellationToken);
        return TypedResults.Ok(new PerformanceView(range.Name, range.From, range.To, [.. sources.Select(s => new SourcePerformanceView(
            s.Model,
            s.Platform is null ? null : $"{s.Platform}/{s.UpstreamModel}",
            s.Platform,
            s.UpstreamModel,
            s.Requests,
            s.Errors,
            s.Requests == 0 ? 0 : Math.Round((double)s.Errors / s.Requests, 4),
            StatusViews.Percentiles(s.Latency),
            StatusViews.Percentiles(s.TimeToFirstToken)))]));
    }

    public static async Task<IResult> CostAsync(HttpContext context, IUsageStore store, TimeProvider time, string? period, [FromQuery(Name = "group_by")] string? groupBy, CancellationToken cancellationToken)
    {
        if (!StatusEndpoints.IsAdmin(context))
        {
            return StatusEndpoints.AdminOnly();
        }

        if (!UsagePeriod.TryParse(string.IsNullOrEmpty(period) ? "30d" : period, time.GetUtcNow(), out var range))
        {
            return BadPeriod(period);
        }

        if (!StatusQuery.TryParseGrouping(groupBy, UsageGrouping.Provider, out var grouping))
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest($"'group_by' must be one of provider, platform, model, user, agent, key (got '{groupBy}').", "group_by", "invalid_value"));
        }

        var groups = await store.AggregateAsync(new UsageQuery(range.From, range.To), grouping, cancellationToken);
        return TypedResults.Ok(new CostView(
            range.Name,
            range.From,
            range.To,
            StatusQuery.Name(grouping),
            StatusViews.Cost(null, StatusViews.Sum(groups)),
            [.. groups.OrderByDescending(g => g.Totals.UserPrice).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => StatusViews.Cost(g.Key, g.Totals))]));
    }

    private static IResult BadPeriod(string? period) => AdminResults.Error(UsageReport.BadPeriod(period));
}
