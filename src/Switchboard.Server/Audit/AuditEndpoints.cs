using Microsoft.AspNetCore.Mvc;
using Switchboard.Abstractions.Audit;
using Switchboard.Abstractions.Storage;
using Switchboard.Server.Admin;

namespace Switchboard.Server.Audit;

/// <summary>Serves the audit log to admins: every configuration change, newest first, filtered and paged.</summary>
/// <remarks>The path is under <c>/api/admin</c>, so <see cref="Auth.GatewayAuthMiddleware"/> keeps it to admin keys.</remarks>
internal static class AuditEndpoints
{
    private const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/audit", ListAsync)
            .WithTags("Admin: audit log")
            .WithSummary("Lists configuration changes, newest first: actor=, action=, target_type=, target=, since= and until= (ISO 8601), limit= (1-1000, default 100), before= (the next_before of the previous page).")
            .Produces<AuditPage>();
        return routes;
    }

    private static async Task<IResult> ListAsync(
        IAuditStore store,
        [FromQuery(Name = "actor")] string? actor,
        [FromQuery(Name = "action")] string? action,
        [FromQuery(Name = "target_type")] string? targetType,
        [FromQuery(Name = "target")] string? target,
        [FromQuery(Name = "since")] string? since,
        [FromQuery(Name = "until")] string? until,
        [FromQuery(Name = "before")] string? before,
        [FromQuery(Name = "limit")] string? limit,
        CancellationToken cancellationToken)
    {
        if (AdminQuery.FirstError(
                AdminQuery.Time(since, "since", out var from),
                AdminQuery.Time(until, "until", out var to),
                AdminQuery.Id(before, "before", out var beforeId),
                AdminQuery.Limit(limit, DefaultLimit, AuditQuery.MaxLimit, out var count)) is { } invalid)
        {
            return AdminResults.Error(invalid);
        }

        var entries = await store.QueryAuditAsync(
            new AuditQuery
            {
                Actor = NullIfEmpty(actor),
                Action = NullIfEmpty(action),
                TargetType = NullIfEmpty(targetType),
                Target = NullIfEmpty(target),
                Since = from,
                Until = to,
                BeforeId = beforeId,
                Limit = count,
            },
            cancellationToken);
        var next = entries.Count == count ? entries[^1].Id : (long?)null;
        return TypedResults.Ok(new AuditPage([.. entries.Select(AuditView.From)], next));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
