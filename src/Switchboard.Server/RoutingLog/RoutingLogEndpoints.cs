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

        if (AdminQuery.FirstError(
                AdminQuery.Time(since, "since", out var from),
                AdminQuery.Time(until, "until", out var to),
                AdminQuery.Limit(limit, DefaultLimit, RoutingLogQuery.MaxLimit, out var count)) is { } invalid)
        {
            return AdminResults.Error(invalid);
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
}
