using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchboard.Core.Routing;
using Switchboard.Core.Telemetry;
using Switchboard.Core.Usage;

namespace Switchboard.Telemetry;

/// <summary>Registers the gateway's metrics with the OpenTelemetry SDK: key health, its gauges, the meter provider every exporter reads, and the OTLP export.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The environment variable (read through configuration) that turns the OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Adds the <see cref="IKeyHealthSource"/> over routing's key states, <see cref="GatewayGauges"/>, and an OpenTelemetry meter provider over the gateway's meters.</summary>
    /// <remarks>Exporters join the provider elsewhere: <c>/metrics</c> in the server, OTLP through <see cref="AddOtlpExport"/>.</remarks>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.TryAddSingleton<IKeyHealthSource>(sp => new RoutingKeyHealthSource(sp.GetRequiredService<KeyStatusReader>(), sp.GetRequiredService<RoutingState>()));
        services.TryAddSingleton(sp => new GatewayGauges(sp.GetService<IMeterFactory>(), sp.GetRequiredService<UsageQueue>(), sp.GetRequiredService<UsageWriterService>(), sp.GetService<IKeyHealthSource>()));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(TelemetryNames.ServiceName).AddEnvironmentVariableDetector())
            .WithMetrics(metrics => metrics.AddMeter(TelemetryNames.MeterName, TelemetryNames.AspNetCoreHostingMeterName));
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            // Built with the provider at host start, so the scrape-time gauges exist before the first scrape.
            sp.GetRequiredService<GatewayGauges>();
            metrics.AddView(OwnMetersOnly(sp.GetService<IMeterFactory>()));
        });
        return services;
    }

    /// <summary>Exports the gateway's metrics and request spans over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> holds an absolute URL; adds nothing otherwise.</summary>
    /// <remarks>
    /// The SDK reads the standard variables from <paramref name="configuration"/> (environment variables are part of it):
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c> by default, or <c>http/protobuf</c>, which appends <c>/v1/metrics</c>
    /// and <c>/v1/traces</c> to the endpoint), <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_METRIC_EXPORT_INTERVAL</c>,
    /// <c>OTEL_SERVICE_NAME</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c>. Without an endpoint nothing listens to the gateway's
    /// activity source, so requests start no spans. Call it after every configuration source is added.
    /// </remarks>
    public static IServiceCollection AddOtlpExport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[OtlpEndpointVariable] is not { Length: > 0 } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddOtlpExporter())
            .WithTracing(tracing => tracing
                .AddSource(TelemetryNames.ActivitySourceName)

                // ASP.NET Core's own request activity exists but is not recorded (its source is not exported), so a plain
                // parent-based sampler would drop every gateway span; a remote caller's "not sampled" is still honoured.
                .SetSampler(new ParentBasedSampler(
                    new AlwaysOnSampler(),
                    remoteParentSampled: new AlwaysOnSampler(),
                    remoteParentNotSampled: new AlwaysOffSampler(),
                    localParentSampled: new AlwaysOnSampler(),
                    localParentNotSampled: new AlwaysOnSampler()))
                .AddOtlpExporter());
        return services;
    }

    /// <summary>Drops instruments of meters that another host's <see cref="IMeterFactory"/> created.</summary>
    /// <remarks>
    /// The SDK listens to meters by name across the process. Two hosts in one process (the tests) would otherwise feed each
    /// other's gauges into one series, and the first host to stop would end that series for both. Static meters (no scope)
    /// are the process's own and stay.
    /// </remarks>
    private static Func<Instrument, MetricStreamConfiguration?> OwnMetersOnly(IMeterFactory? factory) =>
        instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, factory) ? null : MetricStreamConfiguration.Drop;
}
