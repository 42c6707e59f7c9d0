using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Metrics;

/// <summary>The names, types and labels <c>/metrics</c> shows, as dashboards and the README know them, whatever library writes the text.</summary>
public sealed class MetricNamesTests : IAsyncLifetime
{
    /// <summary>Every family the gateway may expose, with its Prometheus type (the static meter's families appear once any in-process test used them).</summary>
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["gen_ai_client_operation_duration_seconds"] = "histogram",
        ["gen_ai_client_token_usage"] = "histogram",
        ["gen_ai_server_time_to_first_token_seconds"] = "histogram",
        ["switchboard_requests_total"] = "counter",
        ["switchboard_request_errors_total"] = "counter",
        ["switchboard_requests_active"] = "gauge",
        ["switchboard_tokens_total"] = "counter",
        ["switchboard_provider_cost_total"] = "counter",
        ["switchboard_user_price_total"] = "counter",
        ["switchboard_usage_queue_depth"] = "gauge",
        ["switchboard_usage_queue_overflows_total"] = "counter",
        ["switchboard_usage_persisted_total"] = "counter",
        ["switchboard_usage_writer_failures_total"] = "counter",
        ["switchboard_usage_journaled_total"] = "counter",
        ["switchboard_usage_journal_pending"] = "gauge",
        ["switchboard_key_cooling"] = "gauge",
        ["switchboard_key_cooldown_remaining_seconds"] = "gauge",
        ["switchboard_key_success_rate_ratio"] = "gauge",
        ["switchboard_routing_log_dropped_total"] = "counter",
        ["switchboard_health_checks_total"] = "counter",
        ["switchboard_cache_lookups_total"] = "counter",
        ["switchboard_cache_stores_total"] = "counter",
        ["http_server_request_duration_seconds"] = "histogram",
        ["http_server_active_requests"] = "gauge",
    };

    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, request) => request.BodyText.Contains("\"stream\":true", StringComparison.Ordinal)
            ? FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["a", "b"]))
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Metrics_AfterPricedTraffic_EveryFamilyKeepsItsNameTypeAndLabels()
    {
        await using var host = await GatewayHost.StartAsync(PricedGateway.Yaml(_upstream.BaseUrl));
        using var client = host.CreateClient();
        (await client.PostAsJsonAsync("v1/chat/completions", new { model = "priced", messages = new[] { new { role = "user", content = "hi" } } })).EnsureSuccessStatusCode();
        var stream = JsonSerializer.Serialize(new { model = "priced", stream = true, messages = new[] { new { role = "user", content = "hi" } } });
        (await client.PostAsync("v1/chat/completions", new StringContent(stream, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        using var anonymous = host.CreateClient(key: null);
        var families = PrometheusTextParser.Parse(await anonymous.GetStringAsync("metrics"));

        // No family the README does not list (no target_info, no otel_scope_info, no renamed instrument).
        Assert.All(families.Values, f => Assert.True(Known.TryGetValue(f.Name, out var type) && type == f.Type, $"unexpected family {f.Name} ({f.Type})"));
        foreach (var name in new[]
        {
            "gen_ai_client_operation_duration_seconds", "gen_ai_client_token_usage", "gen_ai_server_time_to_first_token_seconds", "switchboard_requests_total",
            "switchboard_requests_active", "switchboard_tokens_total", "switchboard_user_price_total", "switchboard_usage_queue_depth",
            "switchboard_usage_queue_overflows_total", "switchboard_usage_persisted_total", "switchboard_usage_writer_failures_total",
            "switchboard_usage_journaled_total", "switchboard_usage_journal_pending", "switchboard_key_cooling",
            "switchboard_key_cooldown_remaining_seconds", "switchboard_key_success_rate_ratio", "http_server_request_duration_seconds",
        })
        {
            Assert.True(families.ContainsKey(name), $"missing family {name}");
            Assert.False(string.IsNullOrEmpty(families[name].Help), $"no HELP for {name}");
        }

        // Labels are the attributes with dots turned into underscores, and nothing else (no otel_scope_* labels).
        var requests = families["switchboard_requests_total"].Samples.Where(s => s.Labels.GetValueOrDefault("gen_ai_request_model") == "priced").ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, s => Assert.Equal(
            ["gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model", "switchboard_outcome", "switchboard_platform", "switchboard_status_class"],
            s.Labels.Keys.Order(StringComparer.Ordinal)));
        Assert.True(requests.Sum(s => s.Value) >= 2);
        Assert.Contains(families["switchboard_tokens_total"].Samples, s => s.Labels.GetValueOrDefault("gen_ai_token_type") == "output" && s.Labels.GetValueOrDefault("gen_ai_request_model") == "priced");
        Assert.Contains(families["switchboard_key_success_rate_ratio"].Samples, s => s.Labels.GetValueOrDefault("switchboard_platform") == "alpha" && s.Labels.ContainsKey("switchboard_key_id"));
        var bounds = families["gen_ai_client_operation_duration_seconds"].Samples
            .Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Labels.GetValueOrDefault("gen_ai_request_model") == "priced" && s.Labels.GetValueOrDefault("switchboard_platform") == "alpha")
            .Select(s => s.Labels["le"]).Distinct().ToList();
        Assert.Equal(["0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64", "1.28", "2.56", "5.12", "10.24", "20.48", "40.96", "81.92", "+Inf"], bounds);
        Assert.DoesNotContain(families.Values.SelectMany(f => f.Samples).SelectMany(s => s.Labels.Keys), k => k.StartsWith("otel_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_AnotherHostInTheProcessStops_ThisHostKeepsItsGauges()
    {
        await using var survivor = await GatewayHost.StartAsync();
        var other = await GatewayHost.StartAsync();
        using var anonymous = survivor.CreateClient(key: null);
        Assert.Single(PrometheusTextParser.Parse(await anonymous.GetStringAsync("metrics"))["switchboard_usage_queue_depth"].Samples);

        await other.DisposeAsync();

        // Two scrapes: a metric the SDK deactivates is still written once, then dropped.
        await anonymous.GetStringAsync("metrics");
        var families = PrometheusTextParser.Parse(await anonymous.GetStringAsync("metrics"));
        Assert.True(families.ContainsKey("switchboard_usage_queue_depth"), "the gauge went away with the other host");
        Assert.Single(families["switchboard_usage_queue_depth"].Samples);
        Assert.True(families.ContainsKey("switchboard_usage_persisted_total"), "the counter went away with the other host");
    }
}
