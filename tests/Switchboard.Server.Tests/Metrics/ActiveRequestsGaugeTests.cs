using System.Net;
using System.Text;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Metrics;

/// <summary>Whatever ends a request, <c>switchboard_requests_active</c> comes back to zero and every request has one usage record.</summary>
/// <remarks>
/// Runs the gateway as its own process: the gauge is process-wide, so in-process tests running beside this one would move it.
/// Pins catalogue case 2: each 500 left the gauge one higher for good.
/// </remarks>
public sealed class ActiveRequestsGaugeTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = async (ctx, request) =>
        {
            var body = request.BodyText;
            if (body.Contains("reset-me", StringComparison.Ordinal))
            {
                await FakeUpstream.Reset(ctx);
            }
            else if (body.Contains("slow-stream", StringComparison.Ordinal))
            {
                await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["a", "b", "c", "d", "e", "f"]), TimeSpan.FromMilliseconds(300));
            }
            else if (body.Contains("rate-me", StringComparison.Ordinal))
            {
                await FakeUpstream.Json(ctx, 429, """{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}""", ("Retry-After", "1"));
            }
            else
            {
                await FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("ok"));
            }
        };
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [LinuxFact]
    public async Task HostileAndFailingRequests_LeaveTheActiveGaugeAtZero_AndOneRecordEach()
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(PricedGateway.Yaml(_upstream.BaseUrl));
        using var admin = gateway.CreateClient();
        var (limited, _) = await PricedGateway.LimitedClientAsync(gateway, new { name = "limited", budget = 1.0, budget_period = "day", rpm = 1000, tpm = 10_000_000, max_parallel = 2 });

        var bodies = new[]
        {
            """{"model":"priced","messages":[{"role":"user","content":"a\ud800b"}]}""",
            """{"model":"pri\udc00ced","messages":[{"role":"user","content":"hi"}]}""",
            """{"model":"priced","messages":[{"role":"user","content":"hi"}],"x":""" + new string('[', 70) + new string(']', 70) + "}",
            """{"model":"priced","api_base":"http://169.254.169.254","messages":[{"role":"user","content":"hi"}]}""",
            """{"model":"priced","messages":[{"role":"user","content":"reset-me"}]}""",
            """{"model":"priced","messages":[{"role":"user","content":"rate-me"}]}""",
            """{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""",
            """{"model":"priced","messages":[{"role":"user","content":"fine"}]}""",
            """not json at all""",
        };
        var sent = 0;
        foreach (var client in new[] { admin, limited })
        {
            foreach (var body in bodies)
            {
                await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
                sent++;
            }

            using var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes(bodies[^2]));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("v1/chat/completions", untyped)).StatusCode);
            sent++;
        }

        // Clients that leave mid-stream.
        for (var i = 0; i < 3; i++)
        {
            using var cut = new CancellationTokenSource();
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent("""{"model":"priced","stream":true,"messages":[{"role":"user","content":"slow-stream"}]}""", Encoding.UTF8, "application/json"),
            };
            using var response = await limited.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cut.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(cut.Token);
            await stream.ReadAtLeastAsync(new byte[64], 1, throwOnEndOfStream: true, cut.Token);
            await cut.CancelAsync();
            sent++;
        }

        var active = await Poll.UntilAsync(async () => await ActiveAsync(gateway), value => value == 0, TimeSpan.FromSeconds(30));
        Assert.Equal(0, active);
        var recorded = await Poll.UntilAsync(async () => await RecordedAsync(admin), value => value >= sent, TimeSpan.FromSeconds(30));
        Assert.Equal(sent, recorded);
    }

    private static async Task<double> ActiveAsync(GatewayProcess gateway)
    {
        using var anonymous = gateway.CreateClient(null);
        var families = PrometheusTextParser.Parse(await anonymous.GetStringAsync("metrics"));
        return families["switchboard_requests_active"].Samples.Sum(s => s.Value);
    }

    private static async Task<long> RecordedAsync(HttpClient admin)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("api/v1/status/usage?period=total"));
        return document.RootElement.GetProperty("totals").GetProperty("requests").GetInt64();
    }
}
