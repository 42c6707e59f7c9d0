using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Switchboard.Storage;

/// <summary>Registers Switchboard storage in a service collection.</summary>
public static class SwitchboardStorageServiceCollectionExtensions
{
    /// <summary>Registers one <see cref="SwitchboardDatabase"/> singleton on <paramref name="connectionString"/> and each store interface as the store it hands out.</summary>
    /// <remarks>The database is created on first resolution; the host still calls <see cref="SwitchboardDatabase.MigrateAsync"/> at startup. Registrations already present are kept.</remarks>
    public static IServiceCollection AddSwitchboardStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddSwitchboardStorage(sp => SwitchboardStorage.Create(connectionString, sp.GetService<ILoggerFactory>()));
    }

    /// <summary>Registers the <see cref="SwitchboardDatabase"/> singleton <paramref name="createDatabase"/> makes and each store interface as the store it hands out.</summary>
    /// <remarks>Registrations already present are kept, so a host may replace any one store before or after this call (with <c>AddSingleton</c> after).</remarks>
    public static IServiceCollection AddSwitchboardStorage(this IServiceCollection services, Func<IServiceProvider, SwitchboardDatabase> createDatabase)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createDatabase);
        services.TryAddSingleton(createDatabase);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Configuration);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Tenancy);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Limits);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Usage);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().UsageRecords);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().UsageOverview);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Audit);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Catalog);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().KeyQuotas);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().PlatformKeys);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Prices);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().RoutingLog);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().RuntimeMarks);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Idempotency);
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchboardDatabase>().Responses);
        return services;
    }
}
