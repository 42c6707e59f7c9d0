using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Storage;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs <c>reset-from-yaml</c> from the built binary: the database comes to match the file, locally and through a running gateway.</summary>
public sealed class ResetFromYamlCommandTests
{
    private const string OldYaml = "platforms:\n  old:\n    kind: openai\n    base_url: https://old.example.com/v1\n    api_key: sk-old-secret-1234567\n    models: { old-model: old-model }\n";
    private const string NewYaml = "platforms:\n  new:\n    kind: openai\n    base_url: https://new.example.com/v1\n    api_key: sk-new-secret-7654321\n    models: { new-model: new-model }\n";

    [Fact]
    public async Task Local_MakesTheDatabaseMatchTheFile()
    {
        await using var install = await LocalInstall.CreateAsync(OldYaml);
        await File.WriteAllTextAsync(install.ConfigPath!, NewYaml);

        var result = await CliProcess.RunAsync(["reset-from-yaml", "--yes"], install.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        // The first start seeded the demo platform beside "old"; the file lists neither, so both go.
        Assert.Contains("platforms 1 added, 0 updated, 2 removed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-new-secret-7654321", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(["new"], await SystemPlatformsAsync(install));

        // The key it stored opens with the gateway's master key: the gateway serves it.
        var check = await CliProcess.RunAsync(["check"], install.Environment);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("all 1 stored upstream keys open", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_WithoutYes_OnAPipe_ChangesNothing()
    {
        await using var install = await LocalInstall.CreateAsync(OldYaml);
        await File.WriteAllTextAsync(install.ConfigPath!, NewYaml);

        var result = await CliProcess.RunAsync(["reset-from-yaml"], install.Environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("add --yes to confirm", result.Error, StringComparison.Ordinal);
        Assert.Equal(["demo", "old"], await SystemPlatformsAsync(install));
    }

    [Fact]
    public async Task Local_WrongMasterKey_RefusesBeforeSealingAnything()
    {
        await using var install = await LocalInstall.CreateAsync(OldYaml);
        await File.WriteAllTextAsync(install.ConfigPath!, NewYaml);
        var environment = install.Environment;
        environment["SWITCHBOARD_MASTER_KEY"] = "not-the-master-key-of-this-install";

        var result = await CliProcess.RunAsync(["reset-from-yaml", "--yes"], environment);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("The master key does not match", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-master-key-of-this-install", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Equal(["demo", "old"], await SystemPlatformsAsync(install));
    }

    [Fact]
    public async Task Remote_ResetsTheRunningGatewayFromItsFile()
    {
        await using var install = await LocalInstall.CreateAsync(OldYaml);
        await using var host = await install.StartGatewayAsync();
        await File.WriteAllTextAsync(install.ConfigPath!, NewYaml);

        var result = await CliProcess.RunAsync(["reset-from-yaml", "--yes", "--url", host.BaseUrl.ToString(), "--key", GatewayHost.AdminKey]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("platforms 1 added, 0 updated, 2 removed", result.Output, StringComparison.Ordinal);
        using var client = host.CreateClient();
        var models = await client.GetStringAsync(new Uri("v1/models", UriKind.Relative));
        Assert.Contains("new-model", models, StringComparison.Ordinal);
        Assert.DoesNotContain("old-model", models, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_WithFile_IsAUsageError()
    {
        var result = await CliProcess.RunAsync(["reset-from-yaml", "--yes", "--file", "x.yaml", "--url", "http://127.0.0.1:1", "--key", "sb-admin-key-for-usage-test"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--file works on the local database only", result.Error, StringComparison.Ordinal);
    }

    private static async Task<string[]> SystemPlatformsAsync(LocalInstall install)
    {
        await using var database = SwitchboardStorage.Create($"Data Source={install.DatabasePath}");
        var data = await database.Configuration.LoadAsync(CancellationToken.None);
        return [.. data.Platforms.Where(p => p.OwnerUserId == "-1").Select(p => p.Name).Order()];
    }
}
