using Switchboard.Core.Telemetry.Prometheus;

namespace Switchboard.Server.Metrics;

/// <summary>Serves <c>/metrics</c> in the Prometheus text format from the gateway's own meter listener.</summary>
/// <remarks>Outside <c>/v1</c> and <c>/api</c>, so scrapers need no key; labels carry model, platform and provider names only, never users or secrets.</remarks>
internal static class MetricsEndpoints
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        // Resolved now so counting starts with the host, not with the first scrape.
        routes.ServiceProvider.GetRequiredService<PrometheusCollector>();
        routes.MapGet("/metrics", WriteAsync)
            .WithTags("Metrics")
            .WithSummary("Returns the gateway's metrics in the Prometheus text exposition format (version 0.0.4).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return routes;
    }

    private static async Task WriteAsync(HttpContext context, PrometheusCollector collector)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        collector.WriteTo(text);
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
