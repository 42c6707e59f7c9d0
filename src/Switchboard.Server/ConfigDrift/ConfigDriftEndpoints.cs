using Switchboard.Configuration;
using Switchboard.Server.Admin;

namespace Switchboard.Server.ConfigDrift;

/// <summary>Serves the drift between the platforms file and the database to admins; the forced reset that removes it is <c>POST /api/ai/admin/reload-from-yaml</c>.</summary>
internal static class ConfigDriftEndpoints
{
    public static IEndpointRouteBuilder MapConfigDriftEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/admin/config/drift", async (ConfigDriftService drift, CancellationToken cancellationToken) =>
            {
                var (report, error) = await drift.CompareAsync(cancellationToken);
                return error is null ? TypedResults.Ok(report) : AdminResults.Error(error);
            })
            .WithTags("Admin: configuration")
            .WithSummary("Compares the platforms file (SWITCHBOARD_CONFIG) with the database for what a forced reset rewrites: system platforms, their models and server keys (matched by secret, shown masked), and the catalog. Changes nothing.")
            .Produces<ConfigDriftView>();
        return routes;
    }
}
