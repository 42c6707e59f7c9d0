using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs <c>usage</c> from the built binary: the local database and the running gateway's route report the same numbers.</summary>
public sealed class UsageCommandTests
{
    [Fact]
    public async Task Usage_LocalAndRemote_ReportTheSameRequests()
    {
        await using var install = await LocalInstall.CreateAsync();
        await using var host = await install.StartGatewayAsync();
        using var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "demo", messages = new[] { new { role = "user", content = $"hello {i}" } } });
            response.EnsureSuccessStatusCode();
        }

        await host.FlushUsageAsync();

        var remote = await CliProcess.RunAsync(["usage", "--period", "24h", "--group-by", "model", "--json", "--url", host.BaseUrl.ToString(), "--key", GatewayHost.AdminKey]);
        var local = await CliProcess.RunAsync(["usage", "--period", "24h", "--group-by", "model", "--json"], install.Environment);

        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.True(local.ExitCode == 0, local.ToString());
        var remoteView = JsonDocument.Parse(remote.Output).RootElement;
        var localView = JsonDocument.Parse(local.Output).RootElement;
        Assert.Equal(3, remoteView.GetProperty("totals").GetProperty("requests").GetInt64());
        Assert.Equal("demo", remoteView.GetProperty("groups")[0].GetProperty("key").GetString());
        Assert.Equal(remoteView.GetProperty("totals").GetRawText(), localView.GetProperty("totals").GetRawText());
        Assert.Equal(remoteView.GetProperty("groups").GetRawText(), localView.GetProperty("groups").GetRawText());

        var table = await CliProcess.RunAsync(["usage", "--group-by", "model", "--timeline"], install.Environment);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Usage over 24h", table.Output, StringComparison.Ordinal);
        Assert.Matches(@"demo\s+3\s+0\s", table.Output);
        Assert.Matches(@"total\s+3\s+0\s", table.Output);
    }

    [Theory]
    [InlineData("--period", "3x", "'period' must be")]
    [InlineData("--group-by", "colour", "'group_by' must be one of")]
    [InlineData("--interval", "minute", "'interval' must be 'hour' or 'day'")]
    public async Task Usage_BadValue_IsAUsageErrorWithTheRoutesMessage(string option, string value, string message)
    {
        var result = await CliProcess.RunAsync(["usage", option, value]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(result.WorkingDirectory));
    }
}
