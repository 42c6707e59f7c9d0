using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;
using Switchboard.Core.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Hosting;
using Microsoft.Extensions.Options;
using Switchboard.Server.Audit;

namespace Switchboard.Server.Admin;

/// <summary>Serves the admin routes that re-read configuration: reload from the database, and the forced reset from the platforms file.</summary>
internal static class ConfigurationEndpoints
{
    public static IEndpointRouteBuilder MapConfigurationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admin/reload", async (HttpContext context, SwitchboardRuntime runtime, CancellationToken cancellationToken) =>
        {
            var before = runtime.Version;
            await runtime.LoadFullyAsync(cancellationToken);
            await context.AuditAsync(AuditActions.ConfigReload, AuditTargets.Config, "database", new ConfigVersionView(before), new ConfigVersionView(runtime.Version));
            return TypedResults.Ok(new ConfigVersionView(runtime.Version));
        }).WithTags("Admin: configuration").WithSummary("Rebuilds the routing snapshot from the database.");

        routes.MapPost("/api/ai/admin/reload-from-yaml", ResetFromFileAsync)
            .WithTags("Admin: configuration")
            .WithSummary("Makes system platforms, their server keys, models and the catalog match the platforms file; users' own keys are kept unless their platform's base URL moved to a new host.")
            .Produces<ResetFromFileView>();
        return routes;
    }

    private static async Task<IResult> ResetFromFileAsync(HttpContext context, ISwitchboardStore store, SwitchboardRuntime runtime, IPlatformPresets presets, IOptions<SwitchboardOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.ConfigPath))
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest("No platforms file is configured (set SWITCHBOARD_CONFIG).", code: "no_config_file"));
        }

        ResetFromFileView answer;
        try
        {
            answer = await PlatformsFileReset.ApplyAsync(
                settings.ConfigPath, store, runtime.Sealer, presets, settings.GetEnvironmentVariable, loggers.CreateLogger("Switchboard.Configuration"), cancellationToken);
        }
        catch (ConfigurationFileException ex)
        {
            return AdminResults.Error(GatewayErrors.InvalidRequest(ex.Message, code: "invalid_config_file"));
        }

        await runtime.ReloadAsync(cancellationToken);
        await context.AuditAsync(AuditActions.ConfigResetFromYaml, AuditTargets.Config, Path.GetFileName(settings.ConfigPath), after: answer);
        return TypedResults.Ok(answer);
    }
}
