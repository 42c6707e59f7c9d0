using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Hosting;

namespace Switchboard.PlatformKeys;

/// <summary>Registers the administration of upstream keys one at a time.</summary>
internal static class PlatformKeyServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="PlatformKeyService"/>.</summary>
    public static IServiceCollection AddPlatformKeys(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new PlatformKeyService(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<IPlatformKeyStore>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<RoutingState>()));
        return services;
    }
}
