using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Log;
using Switchboard.Core.Routing.Quotas;
using Switchboard.Core.Routing.Sharing;
using Switchboard.Hosting;

namespace Switchboard.Routing;

/// <summary>Registers routing: the configuration snapshot, the runtime state of keys and sources, and the loops that keep that state (health checks, the routing log, key quotas, marks shared between replicas).</summary>
internal static class RoutingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SnapshotHolder"/>, <see cref="RoutingState"/>, <see cref="KeyStatusReader"/>, and the active health checker, routing log, key quota and runtime-mark loops as hosted services, in that order.</summary>
    public static IServiceCollection AddRouting(this IServiceCollection services)
    {
        services.TryAddSingleton<SnapshotHolder>();
        services.TryAddSingleton(sp => new RoutingState(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new KeyStatusReader(sp.GetRequiredService<SnapshotHolder>(), sp.GetRequiredService<RoutingState>()));
        services.AddOptions<ActiveHealthCheckOptions>();
        services.TryAddSingleton<ActiveHealthChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<ActiveHealthChecker>());
        services.AddRoutingLog();
        services.TryAddSingleton(sp => new KeyQuotaService(
            sp.GetRequiredService<RoutingState>(), sp.GetRequiredService<SnapshotHolder>(), sp.GetRequiredService<IKeyQuotaStore>(), sp.GetRequiredService<ILogger<KeyQuotaService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<KeyQuotaService>());
        services.AddOptions<SharedStateOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SharedStateOptions>, SharedStateOptionsSetup>());
        services.TryAddSingleton(sp => new RuntimeMarkSync(
            sp.GetRequiredService<RoutingState>(), sp.GetRequiredService<IRuntimeMarkStore>(), sp.GetRequiredService<IOptions<SharedStateOptions>>(), sp.GetRequiredService<ILogger<RuntimeMarkSync>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeMarkSync>());
        return services;
    }

    private static void AddRoutingLog(this IServiceCollection services)
    {
        services.AddOptions<RoutingLogOptions>();
        services.TryAddSingleton(sp => new RoutingLogQueue(sp.GetRequiredService<IOptions<RoutingLogOptions>>()));
        services.TryAddSingleton(sp => new RoutingLogWriterService(
            sp.GetRequiredService<RoutingLogQueue>(), sp.GetRequiredService<IRoutingLogStore>(), sp.GetRequiredService<ILogger<RoutingLogWriterService>>()));
        services.TryAddSingleton(sp => new RoutingLogMaintenanceService(
            sp.GetRequiredService<IRoutingLogStore>(), sp.GetRequiredService<IOptions<RoutingLogOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RoutingLogMaintenanceService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RoutingLogWriterService>());
        services.AddHostedService(sp => sp.GetRequiredService<RoutingLogMaintenanceService>());
    }
}
