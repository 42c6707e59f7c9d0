using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs the built binary to pin the rule that tells a command from the gateway's switches, help, unknown commands and version.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] Commands = ["serve", "check", "seal", "import-prices", "reset-from-yaml", "migrate", "keys", "usage", "version"];

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-?")]
    [InlineData("help")]
    public async Task Help_ListsEveryCommand_AndTouchesNothing(string help)
    {
        var result = await CliProcess.RunAsync([help]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in Commands)
        {
            Assert.Contains($"  {command}", result.Output, StringComparison.Ordinal);
        }

        Assert.Contains("--url", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(result.WorkingDirectory));
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("check")]
    [InlineData("seal")]
    [InlineData("import-prices")]
    [InlineData("reset-from-yaml")]
    [InlineData("migrate")]
    [InlineData("keys")]
    [InlineData("keys create")]
    [InlineData("keys list")]
    [InlineData("keys revoke")]
    [InlineData("usage")]
    [InlineData("version")]
    public async Task CommandHelp_PrintsItsUsage_AndTouchesNothing(string command)
    {
        var result = await CliProcess.RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Usage:\n  Switchboard.Server {command}", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(result.WorkingDirectory));
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:1", "-h")]
    [InlineData("serve", "--urls", "http://127.0.0.1:1", "--help")]
    [InlineData("--Switchboard:Gateway:MaxAttempts=2", "-?")]
    public async Task HelpAmongGatewaySwitches_PrintsServeHelp_AndStartsNothing(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ASP.NET Core switches", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(result.WorkingDirectory));
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwoWithHelp_AndStartsNoServer()
    {
        // A server would never exit by itself: the run ending within the helper's timeout shows none started, and the
        // empty working directory shows no database, master key or admin key was created.
        var result = await CliProcess.RunAsync(["frobnicate", "--urls", "http://127.0.0.1:1"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Unrecognized command or argument 'frobnicate'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Commands:", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(result.WorkingDirectory));
    }

    [Theory]
    [InlineData("keys", "list", "--bogus")]
    [InlineData("keys")]
    [InlineData("keys", "revoke", "not-a-number")]
    [InlineData("migrate", "--url", "http://127.0.0.1:1")]
    [InlineData("usage", "--url", "ftp://127.0.0.1:1")]
    [InlineData("keys", "list", "--key", "sb-some-admin-key-0000")]
    public async Task WrongCommandLine_ExitsTwo_AndTouchesNothing(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(result.WorkingDirectory));
        Assert.DoesNotContain("sb-some-admin-key-0000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsThisBuild_AndWithUrl_TheGateway()
    {
        var local = await CliProcess.RunAsync(["version"]);
        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.Matches(@"^Switchboard \d+\.\d+\.\d+", local.Output);
        Assert.Contains("database schema version", local.Output, StringComparison.Ordinal);

        var option = await CliProcess.RunAsync(["--version"]);
        Assert.True(option.ExitCode == 0, option.ToString());
        Assert.Contains(local.Output.Split('\n')[0]["Switchboard ".Length..].Trim(), option.Output, StringComparison.Ordinal);

        await using var host = await GatewayHost.StartAsync();
        var remote = await CliProcess.RunAsync(["version", "--url", host.BaseUrl.ToString()], new Dictionary<string, string?> { ["SWITCHBOARD_ADMIN_KEY"] = GatewayHost.AdminKey });
        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.Contains($"Gateway at {host.BaseUrl.ToString().TrimEnd('/')}: Switchboard ", remote.Output, StringComparison.Ordinal);
        Assert.Contains("healthy", remote.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeAndConfigurationSwitches_StillStartTheGateway()
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(command: "serve", switches: ["--Switchboard:Gateway:MaxAttempts=1"]);
        using var client = gateway.CreateClient();

        var config = await client.GetFromJsonAsync<JsonElement>("api/v1/debug/config");

        Assert.Equal("1", FindString(config, "max_attempts"));
    }

    [Fact]
    public async Task UrlsFirst_StartsTheGateway()
    {
        await using var gateway = await GatewayProcess.StartOwnAsync();
        using var client = gateway.CreateClient();

        var response = await client.GetAsync(new Uri("readyz", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
    }

    private static string? FindString(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name)
                {
                    return property.Value.ToString();
                }

                if (FindString(property.Value, name) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
