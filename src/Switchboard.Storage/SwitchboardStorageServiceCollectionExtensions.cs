using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;

namespace Switchboard.Storage;

/// <summary>Registers Switchboard storage in a service collection.</summary>
public static class SwitchboardStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="SwitchboardDatabase"/> singleton as itself, <see cref="ISwitchboardStore"/>, <see cref="IUsageStore"/>,
    /// <see cref="ITenancyStore"/>, <see cref="ILimitStore"/>, <see cref="ICatalogStore"/> and the other stores it implements, plus the <see cref="IRuntimeMarkStore"/> over it.
    /// </summary>
    /// <remarks>The database is created on first resolution; the host still calls <see cref="ISwitchboardStore.MigrateAsync"/> at startup.</remarks>
    public static IServiceCollection AddSwitchboardStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(sp => SwitchboardStorage.Create(connectionString, sp.GetService<ILoggerFactory>()));
        services.AddSingleton<ISwitchboardStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<IUsageStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<ITenancyStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<ILimitStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<IRoutingLogStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<IKeyQuotaStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<IPlatformKeyStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<IUsageRecordStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<IUsageOverviewStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<Switchboard.Abstractions.Pricing.IPriceStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<ICatalogStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.AddSingleton<IRuntimeMarkStore>(sp => new RuntimeMarks.RuntimeMarkStore(sp.GetRequiredService<SwitchboardDatabase>()));
        return services;
    }
}
