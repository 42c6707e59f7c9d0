using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Hosting;

namespace Switchboard.Catalog;

/// <summary>Registers the catalog's administration: batch edits, model discovery and sync.</summary>
internal static class CatalogServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="CatalogService"/>.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new CatalogService(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<ICatalogStore>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<RoutingState>(),
            sp.GetRequiredService<ChatPipeline>(),
            sp.GetRequiredService<IPlatformPresets>(),
            sp.GetRequiredService<IOptions<SwitchboardOptions>>(),
            sp.GetRequiredService<ILogger<CatalogService>>()));
        return services;
    }
}
