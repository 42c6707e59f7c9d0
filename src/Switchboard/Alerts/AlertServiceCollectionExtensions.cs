using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Alerts;
using Switchboard.Core.Telemetry;
using Switchboard.Hosting;

namespace Switchboard.Alerts;

/// <summary>Registers alerts: their settings and the service that evaluates the rules and delivers what fires.</summary>
internal static class AlertServiceCollectionExtensions
{
    /// <summary>Adds <see cref="AlertOptions"/> from <c>Switchboard:Alerts</c> and <see cref="AlertService"/> as a hosted service.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<AlertOptions>, AlertOptionsSetup>());
        services.TryAddSingleton(sp => new AlertService(
            sp.GetRequiredService<IUsageStore>(), sp.GetService<IKeyHealthSource>(), sp.GetRequiredService<IOptions<AlertOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AlertService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AlertService>());
        return services;
    }
}
