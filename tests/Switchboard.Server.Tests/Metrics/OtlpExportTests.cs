using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Metrics;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointConfigured_MetricsAndSpansArePostedOverHttpProtobuf_DrivenByTheStandardVariables()
    {
        var serviceName = "sb-otlp-" + Guid.NewGuid().ToString("N")[..12];
        var posts = new ConcurrentQueue<RecordedRequest>();
        await using var collector = await FakeUpstream.StartAsync();
        collector.Handler = (ctx, request) =>
        {
            posts.Enqueue(request);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/x-protobuf";
            return Task.CompletedTask;
        };

        // The OTEL_* names reach the SDK through configuration, which in a real process holds the environment variables.
        await using var host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-tenant=switchboard-tests",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_SERVICE_NAME"] = serviceName,
        });
        using var client = host.CreateClient();

        (await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "traced" } } })).EnsureSuccessStatusCode();

        bool Carries(string path, string text) => posts.Any(p => p.Path == path && Encoding.UTF8.GetString(p.Body).Contains(text, StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(Carries("/v1/metrics", "switchboard.requests") && Carries("/v1/traces", "gen_ai.request.model")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await host.StopAsync();
        var metrics = posts.Where(p => p.Path == "/v1/metrics").ToList();
        var traces = posts.Where(p => p.Path == "/v1/traces").ToList();
        Assert.NotEmpty(metrics);
        Assert.NotEmpty(traces);
        Assert.All(metrics.Concat(traces), p => Assert.Equal("application/x-protobuf", p.Headers.GetValueOrDefault("Content-Type")));
        Assert.All(metrics.Concat(traces), p => Assert.Equal("switchboard-tests", p.Headers.GetValueOrDefault("x-otlp-tenant")));

        // Protobuf keeps strings as UTF-8, so the instrument names, span attributes and service name can be found in the bytes.
        Assert.True(Carries("/v1/metrics", "switchboard.requests"), "no metrics export carried switchboard.requests");
        Assert.True(Carries("/v1/metrics", "gen_ai.client.operation.duration"), "no metrics export carried the duration histogram");
        Assert.True(Carries("/v1/traces", "gen_ai.request.model"), "no trace export carried a gateway span");
        Assert.True(Carries("/v1/metrics", serviceName) && Carries("/v1/traces", serviceName), "OTEL_SERVICE_NAME did not name the service");
    }

    [Fact]
    public async Task NoOtlpEndpoint_NoTracerIsBuilt_SoRequestsStartNoSpans()
    {
        await using var host = await GatewayHost.StartAsync();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task OtlpEndpointNotAUrl_ExportStaysOff()
    {
        await using var host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "not a url" });

        Assert.Null(host.Services.GetService<TracerProvider>());
        using var client = host.CreateClient(key: null);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("metrics")).StatusCode);
    }
}
