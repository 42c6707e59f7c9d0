using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Starts the built binary and reads its banner: the curl examples must work as printed, and the console's address is there.</summary>
public sealed partial class StartupBannerTests
{
    [Fact]
    public async Task GeneratedAdminKey_CurlExamplesCarryIt_AndItWorks()
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(environment: new Dictionary<string, string?> { ["SWITCHBOARD_ADMIN_KEY"] = null });
        var banner = await BannerAsync(gateway);
        var generated = GeneratedKey().Match(string.Join('\n', gateway.Output)).Groups[1].Value;

        Assert.StartsWith("sb-admin-", generated, StringComparison.Ordinal);
        Assert.Contains($"curl {Url(gateway)}/v1/chat/completions -H \"Authorization: Bearer {generated}\"", banner, StringComparison.Ordinal);
        Assert.Contains($"curl {Url(gateway)}/v1/models -H \"Authorization: Bearer {generated}\"", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("$SWITCHBOARD_ADMIN_KEY", banner, StringComparison.Ordinal);
        Assert.Contains($"Console:        {Url(gateway)}/ui", banner, StringComparison.Ordinal);
        Assert.Contains($"API reference:  {Url(gateway)}/docs", banner, StringComparison.Ordinal);
        using var client = gateway.CreateClient(generated);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("v1/models", UriKind.Relative))).StatusCode);

        // The addresses it prints answer.
        using var anonymous = gateway.CreateClient(key: null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("docs", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("ui/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ConfiguredAdminKey_CurlExamplesNameTheVariable_NotTheKey_AndAConsoleTurnedOffIsSaid()
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(environment: new Dictionary<string, string?> { ["Switchboard__Ui__Enabled"] = "false" });
        var banner = await BannerAsync(gateway);

        Assert.Contains($"curl {Url(gateway)}/v1/models -H \"Authorization: Bearer $SWITCHBOARD_ADMIN_KEY\"", banner, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHost.AdminKey, string.Join('\n', gateway.Output), StringComparison.Ordinal);
        Assert.Contains("Console:        off (Switchboard:Ui:Enabled is false)", banner, StringComparison.Ordinal);
        Assert.Contains($"API reference:  {Url(gateway)}/docs", banner, StringComparison.Ordinal);
    }

    private static string Url(GatewayProcess gateway) => gateway.BaseUrl.ToString().TrimEnd('/');

    /// <summary>Waits for the banner, which is printed once the server has started: the readiness probe can answer first.</summary>
    private static async Task<string> BannerAsync(GatewayProcess gateway)
    {
        var waited = Stopwatch.StartNew();
        while (gateway.CountOutput("OpenAPI:") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "no banner within 60 s:\n" + string.Join('\n', gateway.Output));
            await Task.Delay(50);
        }

        var lines = gateway.Output.ToList();
        var start = lines.FindIndex(l => l.StartsWith("Switchboard is listening on", StringComparison.Ordinal));
        return string.Join('\n', lines.Skip(start).Take(8));
    }

    [GeneratedRegex(@"shown on this first start only:\s+(sb-admin-\S+)")]
    private static partial Regex GeneratedKey();
}
