using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Switchboard.Core.Telemetry;
using Switchboard.Hosting;

namespace Switchboard.Telemetry;

/// <summary>Exports the gateway's metrics and request spans over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; does nothing otherwise.</summary>
/// <remarks>
/// Uses the OpenTelemetry SDK directly (its hosting package does not restore here). <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>
/// picks <c>grpc</c> (default) or <c>http/protobuf</c>, and <c>OTEL_SERVICE_NAME</c> names the service. Stopping the
/// host flushes and disposes both providers.
/// </remarks>
internal sealed partial class OtlpExportService(IOptions<SwitchboardOptions> options, ILogger<OtlpExportService> logger) : IHostedService, IDisposable
{
    private MeterProvider? _meters;
    private TracerProvider? _traces;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var env = options.Value.GetEnvironmentVariable;
        if (env("OTEL_EXPORTER_OTLP_ENDPOINT") is not { Length: > 0 } endpointText || !Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint))
        {
            return Task.CompletedTask;
        }

        StartExporting(env, endpoint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Builds the meter and tracer providers.</summary>
    /// <remarks>A method of its own, never inlined: compiling it loads the OpenTelemetry assemblies, which a gateway without an OTLP endpoint then never maps.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StartExporting(Func<string, string?> env, Uri endpoint)
    {
        var protocol = string.Equals(env("OTEL_EXPORTER_OTLP_PROTOCOL"), "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        var serviceName = env("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : "switchboard";
        var interval = int.TryParse(env("OTEL_METRIC_EXPORT_INTERVAL"), out var ms) && ms > 0 ? ms : 60_000;
        _meters = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.AddService(serviceName))
            .AddMeter(TelemetryNames.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                Configure(exporter, endpoint, protocol, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
            })
            .Build();
        _traces = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(r => r.AddService(serviceName))
            .AddSource(TelemetryNames.ActivitySourceName)

            // ASP.NET Core's own request activity exists but is not recorded (its source is not exported), so a plain
            // parent-based sampler would drop every gateway span; a remote caller's "not sampled" is still honoured.
            .SetSampler(new ParentBasedSampler(
                new AlwaysOnSampler(),
                remoteParentSampled: new AlwaysOnSampler(),
                remoteParentNotSampled: new AlwaysOffSampler(),
                localParentSampled: new AlwaysOnSampler(),
                localParentNotSampled: new AlwaysOnSampler()))
            .AddOtlpExporter(exporter => Configure(exporter, endpoint, protocol, "v1/traces"))
            .Build();
        LogExporting(logger, endpoint.Host, endpoint.Port, protocol);
    }

    public void Dispose()
    {
        _meters?.Dispose();
        _traces?.Dispose();
        _meters = null;
        _traces = null;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;

        // Over HTTP the SDK uses a set Endpoint as the full signal URL, so the per-signal path is added here the way the environment variable would.
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exporting metrics and traces over OTLP ({Protocol}) to {Host}:{Port}.")]
    private static partial void LogExporting(ILogger logger, string host, int port, OtlpExportProtocol protocol);
}
