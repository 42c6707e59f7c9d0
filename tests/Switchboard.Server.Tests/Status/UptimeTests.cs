using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Status;

/// <summary>Pins catalogue case 8: <c>uptime_seconds</c> read 0, because its clock started at the first status call.</summary>
public sealed class UptimeTests
{
    [LinuxFact]
    public async Task UptimeSeconds_CountsFromProcessStart_OnTheFirstCallToo()
    {
        await using var gateway = await GatewayProcess.StartOwnAsync();
        using var admin = gateway.CreateClient();
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var first = await UptimeAsync(admin, "api/v1/status/health");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var second = await UptimeAsync(admin, "api/v1/status/metrics");

        Assert.True(first >= 1.0, $"uptime {first} s on the first call, 1.2 s after the process answered");
        Assert.InRange(second - first, 0.9, 30);
    }

    private static async Task<double> UptimeAsync(HttpClient client, string path)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(path));
        return document.RootElement.GetProperty("uptime_seconds").GetDouble();
    }
}
