using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Auth;
using Switchboard.Core.Embedded;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Core.Secrets;
using Switchboard.Core.Usage;
using Switchboard.Hosting;
using Switchboard.Providers;
using Switchboard.Storage;

namespace Switchboard;

/// <summary>Registers the Switchboard engine in any .NET host.</summary>
public static class SwitchboardServiceCollectionExtensions
{
    /// <summary>Adds the engine, the built-in providers, storage, the usage writer and the startup initializer.</summary>
    /// <remarks>
    /// Resolve <see cref="SwitchboardEngine"/> to get <c>IChatClient</c>s. The host must run its hosted services
    /// (any <see cref="IHost"/> does) so the database is migrated and the configuration loaded before use.
    /// </remarks>
    public static IServiceCollection AddSwitchboard(this IServiceCollection services, Action<SwitchboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<SwitchboardOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.AddOptions<GatewayOptions>();
        services.AddSwitchboardProviders();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SwitchboardStorage.Create(sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.EffectiveConnectionString, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ISwitchboardStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IUsageStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value;
            Directory.CreateDirectory(options.KeyDirectory);
            var resolution = MasterKeyResolver.Resolve(options.KeyDirectory, options.GetEnvironmentVariable);
            if (resolution.Generated)
            {
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Switchboard.Secrets").LogWarning(
                    "No SWITCHBOARD_MASTER_KEY was set: generated a master key into {Path} (owner-only). Set SWITCHBOARD_MASTER_KEY in production and keep it safe.",
                    resolution.FilePath);
            }

            return new SecretSealer(resolution.Key);
        });
        services.TryAddSingleton<SnapshotHolder>();
        services.TryAddSingleton(sp => new KeyStateRegistry(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<UsageQueue>();
        services.TryAddSingleton<IUsageSink>(sp => sp.GetRequiredService<UsageQueue>());
        services.TryAddSingleton<ITokenEstimator, ApproximateTokenEstimator>();
        services.TryAddSingleton(sp => new ChatPipeline(
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<KeyStateRegistry>(),
            sp.GetRequiredService<IUsageSink>(),
            sp.GetRequiredService<ITokenEstimator>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>(),
            sp.GetRequiredService<ILogger<ChatPipeline>>()));
        services.TryAddSingleton(sp => new ApiKeyAuthenticator(sp.GetRequiredService<SnapshotHolder>()));
        services.TryAddSingleton(sp => new SwitchboardEngine(sp.GetRequiredService<ChatPipeline>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SwitchboardRuntime(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetServices<IProviderKind>(),
            sp.GetRequiredService<IPlatformPresets>(),
            sp.GetRequiredService<SecretSealer>(),
            sp.GetRequiredService<ILogger<SwitchboardRuntime>>()));
        services.AddHostedService<SwitchboardInitializer>();
        services.TryAddSingleton<UsageWriterService>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageWriterService>());
        return services;
    }
}
