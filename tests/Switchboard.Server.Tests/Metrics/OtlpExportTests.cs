using System.Collections.Concurrent;
using System.Net.Http.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Metrics;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointConfigured_MetricsAndSpansArePostedOverHttpProtobuf()
    {
        var paths = new ConcurrentQueue<(string Path, string? ContentType, int Length)>();
        await using var collector = await FakeUpstream.StartAsync();
        collector.Handler = (ctx, request) =>
        {
            paths.Enqueue((request.Path, ctx.Request.ContentType, request.Body.Length));
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/x-protobuf";
            return Task.CompletedTask;
        };
        await using var host = await GatewayHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        using var client = host.CreateClient();

        (await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "traced" } } })).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(paths.Any(p => p.Path == "/v1/metrics") && paths.Any(p => p.Path == "/v1/traces")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await host.StopAsync();
        Assert.Contains(paths, p => p.Path == "/v1/metrics" && p.ContentType == "application/x-protobuf" && p.Length > 0);
        Assert.Contains(paths, p => p.Path == "/v1/traces" && p.Length > 0);
    }
}
