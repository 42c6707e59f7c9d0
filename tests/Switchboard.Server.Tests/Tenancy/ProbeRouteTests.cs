using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Tenancy;

/// <summary>The probe route refuses internal targets in any spelling without touching them; the model test answers through the pipeline.</summary>
public sealed class ProbeRouteTests
{
    [Fact]
    public async Task Probe_InternalTargets_RefusedWithoutAnyRequestReachingThem()
    {
        await using var target = await FakeUpstream.StartAsync();
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();
        var port = target.BaseUrl.Port;
        string[] spellings =
        [
            $"http://127.0.0.1:{port}/v1", $"http://2130706433:{port}/v1", $"http://0x7f000001:{port}/v1", $"http://0177.0.0.1:{port}/v1",
            $"http://127.1:{port}/v1", $"http://[::1]:{port}/v1", $"http://[::ffff:127.0.0.1]:{port}/v1", $"http://localhost:{port}/v1",
            "http://169.254.169.254/latest", "http://10.0.0.1/v1", "http://192.168.1.1/v1", "http://[fd00:ec2::254]/",
        ];

        foreach (var url in spellings)
        {
            var response = await client.PostAsJsonAsync("api/ai/probe", new { base_url = url, api_key = "sk-probe-secret-7777" });
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(text);
            Assert.False(body.RootElement.GetProperty("success").GetBoolean(), url);
            Assert.DoesNotContain("sk-probe-secret-7777", text, StringComparison.Ordinal);
        }

        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task Probe_BadBody_Is400_AndModelTest_ReportsReplyAndLatency()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.CreateClient();

        using var bad = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("api/ai/probe", bad)).StatusCode);

        var test = await client.PostAsJsonAsync("api/ai/model-test", new { model = "demo" });
        using var result = JsonDocument.Parse(await test.Content.ReadAsStringAsync());
        Assert.True(result.RootElement.GetProperty("success").GetBoolean());
        Assert.False(string.IsNullOrEmpty(result.RootElement.GetProperty("reply").GetString()));
        Assert.True(result.RootElement.GetProperty("latency_ms").GetDouble() >= 0);

        var missing = await client.PostAsJsonAsync("api/ai/model-test", new { model = "no-such-model" });
        using var failure = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.False(failure.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal("model_not_found", failure.RootElement.GetProperty("code").GetString());
    }
}
