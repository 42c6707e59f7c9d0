using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Core.Routing;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Telemetry.Prometheus;
using Switchboard.Core.Usage;

namespace Switchboard.Telemetry;

/// <summary>Registers the gateway's metrics: key health, its gauges, the Prometheus collector and the OTLP export.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>Adds the <see cref="IKeyHealthSource"/> over routing's key states, <see cref="GatewayGauges"/>, the <see cref="PrometheusCollector"/> that reads them and the OTLP export as a hosted service.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.TryAddSingleton<IKeyHealthSource>(sp => new RoutingKeyHealthSource(sp.GetRequiredService<KeyStatusReader>(), sp.GetRequiredService<RoutingState>()));
        services.TryAddSingleton(sp => new GatewayGauges(sp.GetService<IMeterFactory>(), sp.GetRequiredService<UsageQueue>(), sp.GetRequiredService<UsageWriterService>(), sp.GetService<IKeyHealthSource>()));
        services.TryAddSingleton(sp =>
        {
            sp.GetRequiredService<GatewayGauges>();
            return new PrometheusCollector(sp.GetService<IMeterFactory>(), ["Microsoft.AspNetCore.Hosting"]);
        });
        services.AddHostedService<OtlpExportService>();
        return services;
    }
}
