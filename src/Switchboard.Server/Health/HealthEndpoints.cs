using Switchboard.Hosting;

namespace Switchboard.Server.Health;

/// <summary>Serves <c>/healthz</c> (the process is up) and <c>/readyz</c> (configuration is loaded and requests can be served).</summary>
/// <remarks><c>/readyz</c> carries the database configuration version the process serves: replicas that agree show the same number.</remarks>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").ExcludeFromDescription();
        routes.MapGet("/readyz", (SwitchboardRuntime runtime) => runtime.Version > 0
            ? Results.Ok(new { status = "ready", config_version = runtime.ConfigVersion })
            : Results.Json(new { status = "starting" }, statusCode: 503)).WithTags("Health").ExcludeFromDescription();
        return routes;
    }
}
