using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Core.Routing.Log;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.RoutingLog;

/// <summary>First-try successes are sampled (one in a hundred by default); every failure, retry or failover is kept.</summary>
public sealed class RoutingLogSamplingTests
{
    [Theory]
    [InlineData("0", HttpStatusCode.NotFound)]
    [InlineData("1", HttpStatusCode.OK)]
    public async Task FirstTrySuccess_IsKeptOnlyWhenSampled(string successSampleRate, HttpStatusCode expected)
    {
        var settings = new Dictionary<string, string?> { ["Switchboard:RoutingLog:SuccessSampleRate"] = successSampleRate };
        await using var host = await GatewayHost.StartAsync(settings: settings);
        using var client = host.CreateClient();
        using var body = new StringContent("""{"model":"demo","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");
        var response = await client.PostAsync("v1/chat/completions", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        await host.Services.GetRequiredService<RoutingLogWriterService>().FlushAsync();

        Assert.Equal(expected, (await client.GetAsync($"api/admin/routing-log/{requestId}")).StatusCode);
    }

    [Fact]
    public void Defaults_KeepOneFirstTrySuccessInAHundred() => Assert.Equal(0.01, new RoutingLogOptions().SuccessSampleRate);
}
