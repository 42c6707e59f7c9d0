using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Pricing;
using Switchboard.Abstractions.Storage;
using Switchboard.Hosting;

namespace Switchboard.Pricing;

/// <summary>Registers the import of provider prices from a LiteLLM price file.</summary>
internal static class PricingServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="PriceImportService"/>.</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new PriceImportService(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<IPriceStore>(),
            sp.GetRequiredService<IPriceListProviderNames>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<ILogger<PriceImportService>>()));
        return services;
    }
}
