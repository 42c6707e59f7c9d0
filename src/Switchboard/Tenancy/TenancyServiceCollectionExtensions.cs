using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Core.Tenancy;
using Switchboard.Hosting;

namespace Switchboard.Tenancy;

/// <summary>Registers multi-user tenancy: its settings, the resolver of a user's models and the service that manages users, slots and private platforms.</summary>
internal static class TenancyServiceCollectionExtensions
{
    /// <summary>Adds <see cref="TenancyOptions"/>, the <see cref="TenantModelResolver"/> and the <see cref="TenancyService"/>.</summary>
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddOptions<TenancyOptions>();
        services.TryAddSingleton(sp => new TenantModelResolver(sp.GetService<ITenancyStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TenantModelResolver>>()));
        services.TryAddSingleton(sp => new TenancyService(
            sp.GetRequiredService<ITenancyStore>(),
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<TenantModelResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TenancyService>>()));
        return services;
    }
}
