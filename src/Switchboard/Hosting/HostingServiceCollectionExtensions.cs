using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Routing;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;
using Switchboard.Storage;

namespace Switchboard.Hosting;

/// <summary>Registers how the engine is hosted: its clock, database, master key, runtime, startup and configuration watch.</summary>
internal static class HostingServiceCollectionExtensions
{
    /// <summary>Adds the clock, the database and its stores on <see cref="SwitchboardOptions.EffectiveConnectionString"/>, the secret sealer, the runtime, the initializer and the configuration-version watcher.</summary>
    /// <remarks>The initializer is a hosted service: the services that need a migrated database and a loaded snapshot are added after it.</remarks>
    public static IServiceCollection AddHosting(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSwitchboardStorage(sp => SwitchboardStorage.Create(
            sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.EffectiveConnectionString, sp.GetService<ILoggerFactory>()));
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
        services.TryAddSingleton(sp => new SwitchboardRuntime(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetServices<IProviderKind>(),
            sp.GetRequiredService<IPlatformPresets>(),
            sp.GetRequiredService<SecretSealer>(),
            sp.GetRequiredService<ILogger<SwitchboardRuntime>>(),
            sp.GetRequiredService<IOptions<TenancyOptions>>().Value));
        services.AddHostedService<SwitchboardInitializer>();

        // After the initializer, so it starts from the first snapshot.
        services.AddOptions<ReplicaOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ReplicaOptions>, ReplicaOptionsSetup>());
        services.AddHostedService<ConfigVersionWatcher>();
        return services;
    }
}
