using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Hosting;
using Switchboard.Server.Http;

namespace Switchboard.Server.Health;

/// <summary>Serves <c>/healthz</c> (the process is up) and <c>/readyz</c> (configuration is loaded and requests can be served).</summary>
/// <remarks><c>/readyz</c> carries the database configuration version the process serves: replicas that agree show the same number.</remarks>
internal static class HealthEndpoints
{
    private static readonly ProbeStatus Up = new("ok");
    private static readonly ProbeStatus Starting = new("starting");

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(Up)).WithTags("Health").ExcludeFromDescription();
        routes.MapGet("/readyz", Results<Ok<ReadyStatus>, JsonHttpResult<ProbeStatus>> (SwitchboardRuntime runtime) => runtime.Version > 0
            ? TypedResults.Ok(new ReadyStatus("ready", runtime.ConfigVersion))
            : TypedResults.Json(Starting, ServerJsonContext.Default.ProbeStatus, statusCode: StatusCodes.Status503ServiceUnavailable)).WithTags("Health").ExcludeFromDescription();
        return routes;
    }
}
