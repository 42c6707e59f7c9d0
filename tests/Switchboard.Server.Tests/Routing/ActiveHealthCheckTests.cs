using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Health;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.Routing;

/// <summary>
/// Active health checks: a tiny real completion proves an ejected source healthy again (so no user request is the
/// trial) and finds an idle source dead before it is needed, within a count and cost budget, each check billed.
/// </summary>
public sealed class ActiveHealthCheckTests : IAsyncLifetime
{
    private FakeUpstream _primary = null!;
    private FakeUpstream _backup = null!;
    private bool _primaryFails;

    public async Task InitializeAsync()
    {
        _primary = await FakeUpstream.StartAsync();
        _primary.Handler = (ctx, _) => _primaryFails
            ? FakeUpstream.Json(ctx, 500, """{"error":{"message":"boom","type":"server_error"}}""")
            : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from primary"));
        _backup = await FakeUpstream.StartAsync();
        _backup.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("from backup"));
    }

    public async Task DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _backup.DisposeAsync();
    }

    [Fact]
    public async Task EjectedSource_IsProvenHealthyByChecks_ThenTakesTrafficAgain()
    {
        await using var host = await StartAsync(new() { ["Switchboard:Routing:ActiveChecks:IdleAfter"] = "00:00:00" });
        using var client = host.CreateClient();
        var checker = host.Services.GetRequiredService<ActiveHealthChecker>();

        _primaryFails = true;
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains("from backup", await ChatAsync(client), StringComparison.Ordinal);
        }

        var failedCalls = _primary.Requests.Count;
        Assert.Equal(0, await checker.RunOnceAsync(CancellationToken.None)); // still ejected: nothing is due
        _primaryFails = false;
        await Task.Delay(TimeSpan.FromMilliseconds(700)); // the ejection ends: half-open

        Assert.Equal(1, await checker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, await checker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await checker.RunOnceAsync(CancellationToken.None)); // two trial successes closed the breaker

        var checks = _primary.Requests.Skip(failedCalls).ToList();
        Assert.Equal(2, checks.Count);
        Assert.All(checks, check =>
        {
            using var body = check.Json();
            Assert.Equal("gpt-p", body.RootElement.GetProperty("model").GetString());
            Assert.Equal(1, body.RootElement.GetProperty("max_tokens").GetInt32());
            Assert.Equal("Bearer sk-primary-0001", check.Header("Authorization"));
        });
        Assert.DoesNotContain(_backup.Requests, r => r.Json().RootElement.TryGetProperty("max_tokens", out _));

        Assert.Contains("from primary", await ChatAsync(client), StringComparison.Ordinal);
        var records = await host.FlushUsageAsync();
        var billed = records.Where(r => r.Endpoint == "health_check").ToList();
        Assert.Equal(2, billed.Count);
        Assert.All(billed, r =>
        {
            Assert.Equal("success", r.Status);
            Assert.Equal("primary", r.Platform);
            Assert.Equal("-1", r.UserId);
            Assert.True(r.ProviderCost > 0);
        });
        Assert.Equal(5, records.Count(r => r.Endpoint == "chat"));
    }

    [Fact]
    public async Task IdleSources_AreChecked_WithinTheHourlyCount()
    {
        // Three sources are idle (primary, backup and the built-in demo); the hour allows two checks.
        await using var host = await StartAsync(new()
        {
            ["Switchboard:Routing:ActiveChecks:IdleAfter"] = "00:00:00.001",
            ["Switchboard:Routing:ActiveChecks:MaxChecksPerHour"] = "2",
        });
        var checker = host.Services.GetRequiredService<ActiveHealthChecker>();

        Assert.Equal(2, await checker.RunOnceAsync(CancellationToken.None));
        await Task.Delay(20);
        Assert.Equal(0, await checker.RunOnceAsync(CancellationToken.None));
        Assert.InRange(_primary.Requests.Count + _backup.Requests.Count, 1, 2);
        Assert.Equal(2, (await host.FlushUsageAsync()).Count(r => r.Endpoint == "health_check"));
    }

    [Fact]
    public async Task IdleDeadSource_IsFoundBeforeTraffic_AndTheCostCapHolds()
    {
        _primaryFails = true;
        await using var host = await StartAsync(new()
        {
            ["Switchboard:Routing:ActiveChecks:IdleAfter"] = "00:00:00.001",

            // One check's worst case is (prompt + framing) input tokens at $1000/1M plus one output token at $2000/1M,
            // about $0.014: the cap lets one check in per priced source, never a second round.
            ["Switchboard:Routing:ActiveChecks:MaxCostPerDay"] = "0.03",
        });
        var checker = host.Services.GetRequiredService<ActiveHealthChecker>();
        var states = host.Services.GetRequiredService<RoutingState>();

        await checker.RunOnceAsync(CancellationToken.None);
        await Task.Delay(20);
        await checker.RunOnceAsync(CancellationToken.None);

        Assert.Single(_primary.Requests);
        Assert.Single(_backup.Requests);
        var primary = states.GetSource(SourceStateId(host, "primary")).Stats;
        Assert.Equal(1, primary.Failures);
        Assert.Equal(0, primary.Successes);
        var records = await host.FlushUsageAsync();
        Assert.Contains(records, r => r.Endpoint == "health_check" && r.Platform == "primary" && r.Status == "error" && r.HttpStatus == 500);
        Assert.Contains(records, r => r.Endpoint == "health_check" && r.Platform == "backup" && r.Status == "success");
        Assert.True(records.Where(r => r.Endpoint == "health_check").Sum(r => r.ProviderCost) <= 0.03m);
    }

    private static long SourceStateId(GatewayHost host, string platform) =>
        host.Services.GetRequiredService<SnapshotHolder>().Current.Models["shared"].Sources.Single(s => s.Platform.Name == platform).StateId;

    private async Task<GatewayHost> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Switchboard:Routing:ActiveChecks:Enabled"] = "true";
        settings["Switchboard:Routing:ActiveChecks:Interval"] = "01:00:00"; // the tests drive the rounds themselves
        return await GatewayHost.StartAsync(
            $$"""
            platforms:
              primary:
                kind: openai
                base_url: {{_primary.BaseUrl}}v1
                api_key: sk-primary-0001
                models:
                  shared: { model_name: gpt-p, input_price: 1000, output_price: 2000 }
              backup:
                kind: openai
                base_url: {{_backup.BaseUrl}}v1
                api_key: sk-backup-0002
                models:
                  shared: { model_name: gpt-b, input_price: 1000, output_price: 2000 }
            """,
            settings: settings,
            services: s => s.AddSingleton(sp => new RoutingState(
                sp.GetRequiredService<TimeProvider>(),
                RoutingOptions.Default with { BaseEjectionTime = TimeSpan.FromMilliseconds(500), MaxEjectionTime = TimeSpan.FromMilliseconds(500) })));
    }

    private static async Task<string> ChatAsync(HttpClient client)
    {
        var body = JsonSerializer.Serialize(new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });
        using var response = await client.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
