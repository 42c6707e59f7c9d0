using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Caching;
using Switchboard.Core.Embedded;
using Switchboard.Core.Limits;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Log;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Tokenization;
using Switchboard.Core.Usage;

namespace Switchboard.Pipeline;

/// <summary>Registers the request pipeline: its settings, the token estimator, the pipeline itself and the embedded engine over it.</summary>
internal static class PipelineServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GatewayOptions"/> (validated at start), the <see cref="ITokenEstimator"/>, <see cref="ChatPipeline"/> and <see cref="SwitchboardEngine"/>.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());

        // The BPE rank files load lazily, the first time a provider reports no usage.
        services.AddOptions<TokenEstimatorOptions>();
        services.TryAddSingleton<TokenEstimator>();
        services.TryAddSingleton<ITokenEstimator>(sp => sp.GetRequiredService<TokenEstimator>());
        services.TryAddSingleton(sp => new ChatPipeline(
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<RoutingState>(),
            sp.GetRequiredService<IUsageSink>(),
            sp.GetRequiredService<ITokenEstimator>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>(),
            sp.GetRequiredService<ILogger<ChatPipeline>>(),
            sp.GetRequiredService<TenantModelResolver>(),
            sp.GetRequiredService<LimitGate>(),
            sp.GetRequiredService<RoutingLogQueue>(),
            sp.GetService<ResponseCache>()));
        services.TryAddSingleton(sp => new SwitchboardEngine(sp.GetRequiredService<ChatPipeline>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IUsageStore>()));
        return services;
    }
}
