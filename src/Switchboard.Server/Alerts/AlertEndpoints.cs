using System.Text.Json.Serialization;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Alerts;

namespace Switchboard.Server.Alerts;

/// <summary>Serves the admin API for alerts: list raised alerts and evaluate the rules now.</summary>
internal static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/alerts").WithTags("Admin: alerts");
        group.MapGet("/", ListAsync)
            .WithSummary("Lists raised alerts, newest first (since=ISO time, default 7 days ago; limit default 100).")
            .Produces<AlertListView>();
        group.MapPost("/evaluate", EvaluateAsync)
            .WithSummary("Evaluates the alert rules now; returns the alerts raised (repeats within the cooldown are suppressed).")
            .Produces<AlertListView>();
        return routes;
    }

    private static async Task<IResult> ListAsync(IUsageStore store, TimeProvider time, DateTimeOffset? since, int? limit, CancellationToken cancellationToken)
    {
        var alerts = await store.ListAlertsAsync(since ?? time.GetUtcNow().AddDays(-7), Math.Clamp(limit ?? 100, 1, 1000), cancellationToken);
        return TypedResults.Ok(new AlertListView([.. alerts.Select(AlertView.From)]));
    }

    private static async Task<IResult> EvaluateAsync(AlertService alerts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AlertListView([.. (await alerts.EvaluateOnceAsync(cancellationToken)).Select(AlertView.From)]));

    internal sealed record AlertListView([property: JsonPropertyName("data")] IReadOnlyList<AlertView> Data);
}
