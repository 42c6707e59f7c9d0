using OpenTelemetry.Metrics;

namespace Switchboard.Server.Metrics;

/// <summary>Serves <c>/metrics</c> in the Prometheus text format through OpenTelemetry's Prometheus exporter.</summary>
/// <remarks>
/// Outside <c>/v1</c> and <c>/api</c>, so scrapers need no key; labels carry model, platform and provider names only, never
/// users or secrets. The exporter's naming (dots to underscores, unit suffix, <c>_total</c> on counters) gives the names
/// the README lists; scope labels and <c>target_info</c> are off so every series keeps the labels it had.
/// </remarks>
internal static class MetricsEndpoints
{
    /// <summary>Adds the Prometheus exporter to the gateway's meter provider.</summary>
    public static IServiceCollection AddMetricsEndpoint(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter(options =>
        {
            // Each scrape collects afresh: a cached answer would hide the requests of the last 300 ms from a second scraper.
            options.ScrapeResponseCacheDurationMilliseconds = 0;
            options.ScopeInfoEnabled = false;
            options.TargetInfoEnabled = false;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        // The exporter's own pipeline behind a minimal-API route, so /metrics keeps its OpenAPI entry. Built now: the
        // meter provider starts counting with the host, not with the first scrape.
        var exporter = routes.CreateApplicationBuilder().UseOpenTelemetryPrometheusScrapingEndpoint(static _ => true).Build();
        routes.MapGet("/metrics", async (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                await exporter(context);
                return TypedResults.Empty; // The exporter wrote the response.
            })
            .WithTags("Metrics")
            .WithSummary("Returns the gateway's metrics in the Prometheus text exposition format (version 0.0.4).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return routes;
    }
}
