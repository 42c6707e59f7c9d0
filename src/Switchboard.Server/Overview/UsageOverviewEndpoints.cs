using Microsoft.AspNetCore.Mvc;
using Switchboard.Abstractions.Storage;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Routing;
using Switchboard.Server.Admin;
using Switchboard.Server.Auth;
using Switchboard.Server.Status;

namespace Switchboard.Server.Overview;

/// <summary>Serves a period's usage at a glance: totals, percentiles, a time series, top models, users and keys, and source health.</summary>
/// <remarks>
/// Admins read it at <c>/api/admin/usage/overview</c> (everyone's records, or one user's with <c>user_id=</c>). Any key reads
/// <c>/api/v1/status/usage/overview</c>: a caller who is not an admin gets the same shape for their own records only,
/// without provider cost, margin, top users or sources. Everything is summed and ranked in the database.
/// </remarks>
internal static class UsageOverviewEndpoints
{
    private const string Parameters =
        "from= and to= (ISO 8601; default the last 24 h) or period= (24h, 7d, week, month, 90m…), at most 366 days; " +
        "bucket= (5m, 1h, 1d…, at least 1m, at most 1000 buckets; default the narrowest of 1m, 5m, 15m, 1h, 3h, 6h, 12h, 1d, 1w giving at most 120); " +
        "utc_offset= (+08:00: day buckets start at local midnight); top= (1-50, default 10).";

    public static IEndpointRouteBuilder MapUsageOverviewEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/usage/overview", OverviewAsync)
            .WithTags("Admin: usage records")
            .WithName("GetUsageOverview")
            .WithSummary("Shows a period's usage at a glance: requests, tokens, provider cost, user revenue, margin, error rate, p50/p95/p99 latency and time to first token; " +
                "a time series per bucket; top models, users and virtual keys by requests and by cost; and each system platform's health (pool status, keys masked, success rates). " +
                Parameters + " user_id= narrows to one user.")
            .Produces<OverviewView>();
        routes.MapGet("/api/v1/status/usage/overview", OverviewAsync)
            .WithTags("Status")
            .WithName("GetOwnUsageOverview")
            .WithSummary("Shows the caller's own usage at a glance in the shape of /api/admin/usage/overview, without provider cost, margin, top users or sources (admins: the admin overview). " + Parameters)
            .Produces<OverviewView>();
        return routes;
    }

    private static async Task<IResult> OverviewAsync(
        HttpContext context,
        IUsageOverviewStore store,
        ISwitchboardStore configuration,
        KeyStatusReader statuses,
        RoutingState states,
        TimeProvider time,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "period")] string? period,
        [FromQuery(Name = "bucket")] string? bucket,
        [FromQuery(Name = "utc_offset")] string? utcOffset,
        [FromQuery(Name = "top")] string? top,
        [FromQuery(Name = "user_id")] string? userId,
        CancellationToken cancellationToken)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        if (!string.IsNullOrEmpty(userId) && !caller.IsAdmin && userId != caller.UserId)
        {
            return AdminResults.Error(GatewayErrors.Forbidden("Reading another user's usage needs an admin key."));
        }

        var user = caller.IsAdmin ? (string.IsNullOrEmpty(userId) ? null : userId) : caller.UserId;
        if (OverviewRange.TryParse(time.GetUtcNow(), from, to, period, bucket, utcOffset, top, user, out var query) is { } invalid)
        {
            return AdminResults.Error(invalid);
        }

        var overview = await store.OverviewAsync(query, cancellationToken);
        var admin = caller.IsAdmin;
        var sources = admin ? SourceHealth.Build(await configuration.LoadAsync(cancellationToken), overview, statuses, states) : null;
        var totals = overview.Totals;
        return TypedResults.Ok(new OverviewView(
            query.Range.From,
            query.Range.To,
            OverviewRange.Name(query.Bucket),
            (long)query.Bucket.TotalSeconds,
            user,
            new OverviewSummaryView(
                totals.Requests,
                totals.Errors,
                totals.Requests == 0 ? 0 : Math.Round((double)totals.Errors / totals.Requests, 4),
                totals.InputTokens,
                totals.OutputTokens,
                totals.CachedInputTokens,
                totals.TotalTokens,
                totals.UserPrice,
                admin ? totals.ProviderCost : null,
                admin ? totals.Margin : null,
                admin && totals.UserPrice != 0 ? Math.Round(totals.Margin / totals.UserPrice * 100m, 4) : null,
                StatusViews.Percentiles(overview.Latency),
                StatusViews.Percentiles(overview.TimeToFirstToken)),
            [.. overview.Buckets.Select(b => new OverviewBucketView(
                b.Start,
                b.Totals.Requests,
                b.Totals.Errors,
                b.Totals.InputTokens,
                b.Totals.OutputTokens,
                b.Totals.TotalTokens,
                b.Totals.UserPrice,
                admin ? b.Totals.ProviderCost : null,
                b.Latency?.P50,
                b.Latency?.P95,
                b.TimeToFirstToken?.P95))],
            new OverviewTopView(Ranking(overview.Models, admin), admin ? Ranking(overview.Users, admin) : null, Ranking(overview.Keys, admin)),
            sources));
    }

    private static OverviewRankingView Ranking(UsageTopGroups groups, bool admin) => new(
        [.. groups.ByRequests.Select(g => Group(g, admin))],
        admin ? [.. groups.ByCost.Select(g => Group(g, admin))] : null);

    private static OverviewGroupView Group(UsageGroup group, bool admin) => new(
        group.Key,
        group.Totals.Requests,
        group.Totals.Errors,
        group.Totals.TotalTokens,
        group.Totals.UserPrice,
        admin ? group.Totals.ProviderCost : null,
        admin ? group.Totals.Margin : null);
}
