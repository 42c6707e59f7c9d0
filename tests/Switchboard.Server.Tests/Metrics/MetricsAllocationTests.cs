using OpenTelemetry.Metrics;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Telemetry;

namespace Switchboard.Server.Tests.Metrics;

/// <summary>Recording a finished request into the metrics allocates nothing once the series exist, with the OpenTelemetry SDK and its Prometheus exporter listening.</summary>
public sealed class MetricsAllocationTests
{
    [Fact]
    public void RecordRequest_WithThePrometheusExporterAttached_AllocatesNothing()
    {
        using var meters = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(TelemetryNames.MeterName).AddPrometheusExporter().Build();
        var record = new UsageRecord
        {
            RequestId = "req_alloc",
            Timestamp = DateTimeOffset.UtcNow,
            Endpoint = "chat",
            RequestedModel = "alloc-model",
            CatalogModel = "alloc-model",
            Platform = "alloc-platform",
            Provider = "openai",
            Tokens = new TokenUsage(1200, 350, 1000, 0, 120),
            ProviderCost = 0.000123m,
            UserPrice = 0.0002m,
            LatencyMs = 812.5,
            TimeToFirstTokenMs = 95.25,
            Status = "error",
            ErrorType = "upstream_timeout",
            HttpStatus = 504,
        };
        for (var i = 0; i < 100; i++)
        {
            GatewayMetrics.RequestStarted();
            GatewayMetrics.RecordRequest(record);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            GatewayMetrics.RequestStarted();
            GatewayMetrics.RecordRequest(record);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
