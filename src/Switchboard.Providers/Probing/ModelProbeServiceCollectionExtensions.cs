using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Switchboard.Providers.Probing;

/// <summary>Registers the SSRF-guarded model probe.</summary>
public static class ModelProbeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ModelProbe"/> as a singleton with validated <see cref="ModelProbeOptions"/>. The host binds the
    /// options to <see cref="ModelProbeOptions.SectionName"/>; this project does not reference the configuration binder.
    /// </summary>
    public static IServiceCollection AddModelProbe(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ModelProbeOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelProbeOptions>, ModelProbeOptionsValidator>());
        services.TryAddSingleton<ModelProbe>();
        return services;
    }
}
