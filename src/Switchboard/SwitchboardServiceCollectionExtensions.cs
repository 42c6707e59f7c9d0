using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Providers;
using Switchboard.Abstractions.Storage;
using Switchboard.Audit;
using Switchboard.Catalog;
using Switchboard.Core.Alerts;
using Switchboard.Core.Auth;
using Switchboard.Core.Auth.Jwt;
using Switchboard.Core.Embedded;
using Switchboard.Core.Limits;
using Switchboard.Core.Pipeline;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Log;
using Switchboard.Core.Routing.Quotas;
using Switchboard.Core.Routing.Sharing;
using Switchboard.Core.Secrets;
using Switchboard.Core.Tenancy;
using Switchboard.Core.Tokenization;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Telemetry.Prometheus;
using Switchboard.Core.Usage;
using Switchboard.Hosting;
using Switchboard.Providers;
using Switchboard.Storage;
using Switchboard.Telemetry;
using Switchboard.Tenancy;

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

        services.AddOptions<GatewayOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.AddOptions<UsageOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<UsageOptions>, UsageOptionsSetup>());
        services.TryAddSingleton(sp => new KeyStatusReader(sp.GetRequiredService<SnapshotHolder>(), sp.GetRequiredService<RoutingState>()));
        services.TryAddSingleton<IKeyHealthSource>(sp => new RoutingKeyHealthSource(sp.GetRequiredService<KeyStatusReader>(), sp.GetRequiredService<RoutingState>()));
        services.TryAddSingleton(sp => new GatewayGauges(sp.GetService<IMeterFactory>(), sp.GetRequiredService<UsageQueue>(), sp.GetRequiredService<UsageWriterService>(), sp.GetService<IKeyHealthSource>()));
        services.TryAddSingleton(sp =>
        {
            sp.GetRequiredService<GatewayGauges>();
            return new PrometheusCollector(sp.GetService<IMeterFactory>(), ["Microsoft.AspNetCore.Hosting"]);
        });
        services.AddSwitchboardProviders();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => SwitchboardStorage.Create(sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.EffectiveConnectionString, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ISwitchboardStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IUsageStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<ITenancyStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<ILimitStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IRoutingLogStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IKeyQuotaStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IPlatformKeyStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IUsageRecordStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IUsageOverviewStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<Switchboard.Abstractions.Pricing.IPriceStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<ICatalogStore>(sp => sp.GetRequiredService<SwitchboardDatabase>());
        services.TryAddSingleton<IRuntimeMarkStore>(sp => new Storage.RuntimeMarks.RuntimeMarkStore(sp.GetRequiredService<SwitchboardDatabase>()));
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
        services.TryAddSingleton(sp => new RoutingState(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<UsageOptions>>().Value.WriteAheadLogPath is { } walPath && UsageOptions.IsOff(walPath)
            ? new UsageQueue()
            : new UsageQueue(log: new UsageWriteAheadLog(
                sp.GetRequiredService<IOptions<UsageOptions>>().Value.WriteAheadLogPath
                    ?? Path.Combine(sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.KeyDirectory, "usage-wal"),
                sp.GetRequiredService<ILogger<UsageWriteAheadLog>>())));
        services.TryAddSingleton<IUsageSink>(sp => sp.GetRequiredService<UsageQueue>());
        // The BPE rank files load lazily, the first time a provider reports no usage.
        services.AddOptions<TokenEstimatorOptions>();
        services.TryAddSingleton<TokenEstimator>();
        services.TryAddSingleton<ITokenEstimator>(sp => sp.GetRequiredService<TokenEstimator>());
        services.AddOptions<TenancyOptions>();
        services.TryAddSingleton(sp => new TenantModelResolver(sp.GetService<ITenancyStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TenantModelResolver>>()));
        services.TryAddSingleton(sp => new LimitGate(
            sp.GetService<ILimitStore>(), sp.GetRequiredService<IOptions<TenancyOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LimitGate>>(),
            sp.GetRequiredService<IOptions<LimitOptions>>()));
        services.TryAddSingleton(sp => new LimitHoldKeeper(
            sp.GetRequiredService<LimitGate>(), sp.GetRequiredService<IOptions<LimitOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LimitHoldKeeper>>()));
        services.AddHostedService(sp => sp.GetRequiredService<LimitHoldKeeper>());
        services.TryAddSingleton(sp => new ChatPipeline(
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<RoutingState>(),
            sp.GetRequiredService<IUsageSink>(),
            sp.GetRequiredService<ITokenEstimator>(),
            sp.GetRequiredService<IOptions<GatewayOptions>>(),
            sp.GetRequiredService<ILogger<ChatPipeline>>(),
            sp.GetRequiredService<TenantModelResolver>(),
            sp.GetRequiredService<LimitGate>(),
            sp.GetRequiredService<RoutingLogQueue>()));
        services.AddOptions<RoutingLogOptions>();
        services.TryAddSingleton(sp => new RoutingLogQueue(sp.GetRequiredService<IOptions<RoutingLogOptions>>()));
        services.TryAddSingleton(sp => new RoutingLogWriterService(
            sp.GetRequiredService<RoutingLogQueue>(), sp.GetRequiredService<IRoutingLogStore>(), sp.GetRequiredService<ILogger<RoutingLogWriterService>>()));
        services.TryAddSingleton(sp => new RoutingLogMaintenanceService(
            sp.GetRequiredService<IRoutingLogStore>(), sp.GetRequiredService<IOptions<RoutingLogOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RoutingLogMaintenanceService>>()));
        services.TryAddSingleton(sp => new KeyQuotaService(
            sp.GetRequiredService<RoutingState>(), sp.GetRequiredService<SnapshotHolder>(), sp.GetRequiredService<IKeyQuotaStore>(), sp.GetRequiredService<ILogger<KeyQuotaService>>()));
        services.AddOptions<JwtSignInOptions>();
        services.TryAddSingleton(sp => new JwtValidator(sp.GetRequiredService<IOptions<JwtSignInOptions>>()));
        services.TryAddSingleton(sp => new ApiKeyAuthenticator(
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<JwtValidator>(),
            (userId, tier) => sp.GetRequiredService<TenancyService>().ProvisionAsync(userId, tier, CancellationToken.None)));
        services.TryAddSingleton(sp => new SwitchboardEngine(sp.GetRequiredService<ChatPipeline>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IUsageStore>()));
        services.TryAddSingleton(sp => new SwitchboardRuntime(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetServices<IProviderKind>(),
            sp.GetRequiredService<IPlatformPresets>(),
            sp.GetRequiredService<SecretSealer>(),
            sp.GetRequiredService<ILogger<SwitchboardRuntime>>(),
            sp.GetRequiredService<IOptions<TenancyOptions>>().Value));
        services.TryAddSingleton(sp => new TenancyService(
            sp.GetRequiredService<ITenancyStore>(),
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<SnapshotHolder>(),
            sp.GetRequiredService<TenantModelResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TenancyService>>()));
        services.TryAddSingleton(sp => new PlatformKeys.PlatformKeyService(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<IPlatformKeyStore>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<RoutingState>()));
        services.TryAddSingleton(sp => new Configuration.ConfigDriftService(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<IPlatformPresets>(),
            sp.GetRequiredService<IOptions<SwitchboardOptions>>()));
        services.TryAddSingleton(sp => new Pricing.PriceImportService(
            sp.GetRequiredService<ISwitchboardStore>(),
            sp.GetRequiredService<Switchboard.Abstractions.Pricing.IPriceStore>(),
            sp.GetRequiredService<Switchboard.Abstractions.Pricing.IPriceListProviderNames>(),
            sp.GetRequiredService<SwitchboardRuntime>(),
            sp.GetRequiredService<ILogger<Pricing.PriceImportService>>()));
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
        services.AddHostedService<SwitchboardInitializer>();
        // After the initializer, so it starts from the first snapshot.
        services.AddOptions<ReplicaOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ReplicaOptions>, ReplicaOptionsSetup>());
        services.AddHostedService<ConfigVersionWatcher>();
        services.TryAddSingleton(sp => new UsageJournal(
            sp.GetRequiredService<IOptions<UsageOptions>>().Value.JournalPath
                ?? Path.Combine(sp.GetRequiredService<IOptions<SwitchboardOptions>>().Value.KeyDirectory, "usage-journal.jsonl"),
            sp.GetRequiredService<ILogger<UsageJournal>>()));
        services.TryAddSingleton(sp => new UsageWriterService(
            sp.GetRequiredService<UsageQueue>(), sp.GetRequiredService<IUsageStore>(), sp.GetRequiredService<UsageJournal>(), sp.GetRequiredService<ILogger<UsageWriterService>>())
        {
            WriteDelay = sp.GetRequiredService<IOptions<UsageOptions>>().Value.WriteDelay,
        });
        services.AddHostedService(sp => sp.GetRequiredService<UsageWriterService>());
        services.AddHostedService<OtlpExportService>();
        services.TryAddSingleton(sp => new UsageMaintenanceService(
            sp.GetRequiredService<IUsageStore>(), sp.GetRequiredService<IOptions<UsageOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<UsageMaintenanceService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<UsageMaintenanceService>());
        services.AddOptions<AlertOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AlertOptions>, AlertOptionsSetup>());
        services.TryAddSingleton(sp => new AlertService(
            sp.GetRequiredService<IUsageStore>(), sp.GetService<IKeyHealthSource>(), sp.GetRequiredService<IOptions<AlertOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlertService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AlertService>());
        services.AddOptions<ActiveHealthCheckOptions>();
        services.TryAddSingleton<ActiveHealthChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<ActiveHealthChecker>());
        // After the initializer, so the database is migrated and the snapshot loaded before they first run.
        services.AddHostedService(sp => sp.GetRequiredService<RoutingLogWriterService>());
        services.AddHostedService(sp => sp.GetRequiredService<RoutingLogMaintenanceService>());
        services.AddHostedService(sp => sp.GetRequiredService<KeyQuotaService>());
        services.AddSwitchboardAudit();
        services.AddOptions<SharedStateOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SharedStateOptions>, SharedStateOptionsSetup>());
        services.TryAddSingleton(sp => new RuntimeMarkSync(
            sp.GetRequiredService<RoutingState>(), sp.GetRequiredService<IRuntimeMarkStore>(), sp.GetRequiredService<IOptions<SharedStateOptions>>(), sp.GetRequiredService<ILogger<RuntimeMarkSync>>()));
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeMarkSync>());
        return services;
    }
}
