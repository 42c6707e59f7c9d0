using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Switchboard.Abstractions.RoutingLog;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Admin;
using Switchboard.Server.Http;

namespace Switchboard.Server.RoutingLog;

/// <summary>Serves the routing log to admins: how each request was routed, filterable by model, status and time.</summary>
internal static class RoutingLogEndpoints
{
    private const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapRoutingLogEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/routing-log").WithTags("Admin: routing log");
        group.MapGet("/", ListAsync)
            .WithSummary("Lists routing decisions, newest first: model=, status= (success, error, cancelled), since= and until= (ISO 8601), limit= (default 100, at most 1000).")
            .Produces<RoutingLogList>();
        group.MapGet("/{requestId}", GetAsync)
            .WithSummary("Shows how one request (by its X-Request-Id) was routed: candidates, reason and attempts.")
            .Produces<RoutingLogView>();
        return routes;
    }

    private static async Task<IResult> ListAsync(
        IRoutingLogStore store,
        [FromQuery(Name = "model")] string? model,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "since")] string? since,
        [FromQuery(Name = "until")] string? until,
        [FromQuery(Name = "limit")] string? limit,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(status) && status is not (UsageStatus.Success or UsageStatus.Error or UsageStatus.Cancelled))
        {
            return AdminResults.Error(JsonRequest.Invalid("status", $"'status' must be {UsageStatus.Success}, {UsageStatus.Error} or {UsageStatus.Cancelled}."));
        }

        if (!TryParseTime(since, out var from))
        {
            return AdminResults.Error(JsonRequest.Invalid("since", "'since' must be an ISO 8601 time, e.g. 2026-01-31T08:00:00Z."));
        }

        if (!TryParseTime(until, out var to))
        {
            return AdminResults.Error(JsonRequest.Invalid("until", "'until' must be an ISO 8601 time, e.g. 2026-01-31T09:00:00Z."));
        }

        var count = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > RoutingLogQuery.MaxLimit))
        {
            return AdminResults.Error(JsonRequest.Invalid("limit", $"'limit' must be a whole number from 1 to {RoutingLogQuery.MaxLimit}."));
        }

        var query = new RoutingLogQuery
        {
            Model = string.IsNullOrEmpty(model) ? null : model,
            Status = string.IsNullOrEmpty(status) ? null : status,
            Since = from,
            Until = to,
            Limit = count,
        };
        var entries = await store.QueryRoutingLogAsync(query, cancellationToken);
        return TypedResults.Ok(new RoutingLogList([.. entries.Select(RoutingLogView.From)]));
    }

    private static async Task<IResult> GetAsync(string requestId, IRoutingLogStore store, CancellationToken cancellationToken) =>
        await store.GetRoutingLogAsync(requestId, cancellationToken) is { } entry
            ? TypedResults.Ok(RoutingLogView.From(entry))
            : AdminResults.Error(GatewayErrors.NotFound($"No routing log entry for request '{requestId}'; it may be older than the retention, not sampled, or not written yet."));

    private static bool TryParseTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
