using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs every command of the built binary, locally and against a running gateway, with every secret it can know set, and reads all it printed.</summary>
public sealed class CliSecretsTests
{
    private const string UpstreamSecret = "sk-upstream-secret-for-the-sweep-1";
    private const string Yaml = $"platforms:\n  up:\n    kind: openai\n    base_url: https://api.example.com/v1\n    api_key: {UpstreamSecret}\n    models: {{ m: m }}\n";

    [Fact]
    public async Task NoCommandPrintsASecret_AndANewKeyIsPrintedOnlyByItsCreate()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        await using var host = await install.StartGatewayAsync();
        var url = host.BaseUrl.ToString();
        var local = install.Environment;
        local["SWITCHBOARD_ADMIN_KEY"] = GatewayHost.AdminKey;
        var remote = new Dictionary<string, string?> { ["SWITCHBOARD_ADMIN_KEY"] = GatewayHost.AdminKey };

        var created = await CliProcess.RunAsync(["keys", "create", "--name", "sweep"], local);
        Assert.True(created.ExitCode == 0, created.ToString());
        var newKey = created.Output.Trim();
        Assert.DoesNotContain(newKey, created.Error, StringComparison.Ordinal);

        string[][] localRuns =
        [
            ["check"], ["keys", "list"], ["keys", "list", "--json"], ["usage", "--group-by", "key", "--json"], ["usage", "--timeline"],
            ["version"], ["migrate"], ["reset-from-yaml", "--yes"],
        ];
        string[][] remoteRuns =
        [
            ["check", "--url", url], ["keys", "list", "--url", url], ["keys", "list", "--url", url, "--json"], ["usage", "--url", url],
            ["version", "--url", url], ["keys", "list", "--url", url, "--key", GatewayHost.AdminKey],
        ];
        var results = new List<CliResult> { created };
        foreach (var arguments in localRuns)
        {
            results.Add(await CliProcess.RunAsync(arguments, local));
        }

        foreach (var arguments in remoteRuns)
        {
            results.Add(await CliProcess.RunAsync(arguments, remote));
        }

        foreach (var result in results)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var printed = result.Output + result.Error;
            Assert.DoesNotContain(GatewayHost.AdminKey, printed, StringComparison.Ordinal);
            Assert.DoesNotContain(GatewayHost.MasterKey, printed, StringComparison.Ordinal);
            Assert.DoesNotContain(UpstreamSecret, printed, StringComparison.Ordinal);
            if (!ReferenceEquals(result, created))
            {
                Assert.DoesNotContain(newKey, printed, StringComparison.Ordinal);
            }
        }
    }
}
