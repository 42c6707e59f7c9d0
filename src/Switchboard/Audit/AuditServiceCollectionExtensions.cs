using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Audit;

namespace Switchboard.Audit;

/// <summary>Registers the audit log: the recorder and the retention purge.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Adds <see cref="AuditLog"/> over the <see cref="IAuditStore"/> (the Switchboard database's, registered with the storage) and the loop that deletes entries past <see cref="AuditOptions.Retention"/>.</summary>
    public static IServiceCollection AddSwitchboardAudit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AuditOptions>();
        services.TryAddSingleton(sp => new AuditLog(
            sp.GetRequiredService<IAuditStore>(), sp.GetRequiredService<IOptions<AuditOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditLog>>(),
            sp.GetService<AuditContracts>()));
        services.TryAddSingleton(sp => new AuditMaintenanceService(
            sp.GetRequiredService<IAuditStore>(), sp.GetRequiredService<IOptions<AuditOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuditMaintenanceService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AuditMaintenanceService>());
        return services;
    }
}
