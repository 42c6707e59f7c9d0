using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Metrics;

public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterTraffic_ParsesAsPrometheusTextWithGenAiNames()
    {
        using var client = _host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "Hello \"quoted\"\nline" } } })).EnsureSuccessStatusCode();
        }

        var streamBody = JsonSerializer.Serialize(new { model = "demo", stream = true, messages = new[] { new { role = "user", content = "Hi" } } });
        (await client.PostAsync("v1/chat/completions", new StringContent(streamBody, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var missing = await client.PostAsJsonAsync("v1/chat/completions", new { model = "no-such-model-" + Guid.NewGuid(), messages = new[] { new { role = "user", content = "x" } } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var anonymous = _host.CreateClient(key: null);
        var response = await anonymous.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("0.0.4", response.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "version").Value);
        var text = await response.Content.ReadAsStringAsync();
        var families = PrometheusTextParser.Parse(text);

        var requests = families["switchboard_requests_total"];
        Assert.Equal("counter", requests.Type);
        Assert.False(string.IsNullOrEmpty(requests.Help));
        Assert.True(requests.Samples.Where(s => s.Labels["gen_ai_request_model"] == "demo" && s.Labels["switchboard_outcome"] == "success").Sum(s => s.Value) >= 4);
        var failed = Assert.Single(requests.Samples, s => s.Labels["gen_ai_request_model"] == "unknown" && s.Labels["switchboard_status_class"] == "4xx");
        Assert.True(failed.Value >= 1);
        Assert.Contains(families["switchboard_request_errors_total"].Samples, s => s.Labels["error_type"] == "model_not_found");

        Assert.Equal("histogram", families["gen_ai_client_operation_duration_seconds"].Type);
        Assert.Equal("histogram", families["gen_ai_client_token_usage"].Type);
        Assert.Contains(families["gen_ai_client_token_usage"].Samples, s => s.Labels.GetValueOrDefault("gen_ai_token_type") == "output" && s.Name.EndsWith("_count", StringComparison.Ordinal));
        Assert.Equal("histogram", families["gen_ai_server_time_to_first_token_seconds"].Type);
        Assert.Equal("counter", families["switchboard_tokens_total"].Type);
        Assert.Equal("gauge", families["switchboard_requests_active"].Type);
        Assert.Equal("gauge", families["switchboard_usage_queue_depth"].Type);
        Assert.Equal("counter", families["switchboard_usage_queue_overflows_total"].Type);
        Assert.Equal("counter", families["switchboard_usage_writer_failures_total"].Type);
        Assert.Equal("histogram", families["http_server_request_duration_seconds"].Type);

        // Bounded labels: no user id, key, request id or requested (unresolved) model name ever becomes a label.
        Assert.DoesNotContain(GatewayHost.AdminKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-model", text, StringComparison.Ordinal);
        Assert.DoesNotContain("req_", text, StringComparison.Ordinal);
        Assert.DoesNotContain(families.Values.SelectMany(f => f.Samples).SelectMany(s => s.Labels.Keys), k => k.Contains("user", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_ScrapedTwice_CountersNeverGoDown()
    {
        using var client = _host.CreateClient();
        using var anonymous = _host.CreateClient(key: null);
        (await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "one" } } })).EnsureSuccessStatusCode();
        var first = PrometheusTextParser.Parse(await anonymous.GetStringAsync("metrics"));
        (await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = "two" } } })).EnsureSuccessStatusCode();
        var second = PrometheusTextParser.Parse(await anonymous.GetStringAsync("metrics"));

        double Demo(IReadOnlyDictionary<string, ParsedFamily> f) =>
            f["switchboard_requests_total"].Samples.Where(s => s.Labels["gen_ai_request_model"] == "demo").Sum(s => s.Value);

        Assert.True(Demo(second) >= Demo(first) + 1);
    }
}
