using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Hosting;

namespace Switchboard.Configuration;

/// <summary>Registers the comparison of the stored configuration with the platforms file.</summary>
internal static class ConfigDriftServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="ConfigDriftService"/>.</summary>
    public static IServiceCollection AddConfigDrift(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new ConfigDriftService(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<IPlatformPresets>(),
            sp.GetRequiredService<IOptions<SwitchboardOptions>>()));
        return services;
    }
}
