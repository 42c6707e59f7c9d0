using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Alerts;
using Switchboard.Audit;
using Switchboard.Auth;
using Switchboard.Caching;
using Switchboard.Catalog;
using Switchboard.Configuration;
using Switchboard.Core.Embedded;
using Switchboard.Hosting;
using Switchboard.Limits;
using Switchboard.Pipeline;
using Switchboard.PlatformKeys;
using Switchboard.Pricing;
using Switchboard.Providers;
using Switchboard.Routing;
using Switchboard.Telemetry;
using Switchboard.Tenancy;
using Switchboard.Usage;

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

        services.AddSwitchboardProviders();
        services.AddResponseCache();
        services.AddPipeline();
        services.AddKeyAuthentication();
        services.AddTenancy();
        services.AddCatalog();
        services.AddConfigDrift();
        services.AddPlatformKeys();
        services.AddPricing();

        // Hosted services start in the order they are added and stop in reverse. The limit keeper comes first, so that
        // a stop drains budget reservations after everything else has stopped; the initializer next, so the database is
        // migrated and the configuration loaded before the writers, loops and checks added after it start.
        services.AddLimits();
        services.AddHosting();
        services.AddUsage();
        services.AddTelemetry();
        services.AddAlerts();
        services.AddRouting();
        services.AddSwitchboardAudit();
        return services;
    }
}
