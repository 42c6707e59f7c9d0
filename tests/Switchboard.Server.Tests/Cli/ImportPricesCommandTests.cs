using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Storage;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs <c>import-prices</c> from the built binary against the database a stopped gateway left behind, and against a running one.</summary>
/// <remarks>Moved from Pricing/ when the hand-written parser was replaced: the same cases, through the real command line.</remarks>
public sealed class ImportPricesCommandTests
{
    private const string Yaml = "platforms:\n  ds:\n    preset: deepseek\n    base_url: https://api.deepseek.com/v1\n    api_key: sk-cli-test\n    models:\n      chat: deepseek-chat\n";
    private const string Prices = """{"deepseek/deepseek-chat": {"input_cost_per_token": 2.7e-07, "output_cost_per_token": 1.1e-06, "litellm_provider": "deepseek", "mode": "chat"}}""";

    [Fact]
    public async Task ImportPrices_DryRunThenApply_WritesOnlyOnApply()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        var file = await WritePricesAsync(install, Prices);

        var dry = await CliProcess.RunAsync(["import-prices", file, "--dry-run"], install.Environment);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Dry run: 1 platform models would change", dry.Output, StringComparison.Ordinal);
        Assert.Contains("ds/chat (deepseek/deepseek-chat): input 0 -> 0.27, output 0 -> 1.1", dry.Output, StringComparison.Ordinal);
        Assert.Equal(0m, await InputPriceAsync(install.DatabasePath));

        // Progress goes to standard error, one line per step when it is not a terminal; the result alone is on standard output.
        Assert.Contains("Matching the price list to platform models …", dry.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Matching", dry.Output, StringComparison.Ordinal);

        var applied = await CliProcess.RunAsync(["import-prices", file], install.Environment);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.StartsWith("Updated 1 platform models", applied.Output, StringComparison.Ordinal);
        Assert.Equal(0.27m, await InputPriceAsync(install.DatabasePath));
    }

    [Fact]
    public async Task ImportPrices_ThroughARunningGateway_DryRunChangesNothing()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        await using var host = await install.StartGatewayAsync();
        var file = await WritePricesAsync(install, Prices);

        var dry = await CliProcess.RunAsync(["import-prices", file, "--dry-run", "--url", host.BaseUrl.ToString(), "--key", GatewayHost.AdminKey]);
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Dry run: 1 platform models would change", dry.Output, StringComparison.Ordinal);
        Assert.Equal(0m, await InputPriceAsync(install.DatabasePath));

        var applied = await CliProcess.RunAsync(["import-prices", file, "--url", host.BaseUrl.ToString(), "--key", GatewayHost.AdminKey]);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.StartsWith("Updated 1 platform models", applied.Output, StringComparison.Ordinal);
        Assert.Equal(0.27m, await InputPriceAsync(install.DatabasePath));
    }

    [Fact]
    public async Task ImportPrices_BadRoot_ExitsWithTheFileAndPosition()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        var file = await WritePricesAsync(install, "\n[\"gpt-4o\"]");

        var result = await CliProcess.RunAsync(["import-prices", file], install.Environment);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("prices.json: the root must be a JSON object", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 2, column 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPrices_NoFile_IsAUsageError()
    {
        var result = await CliProcess.RunAsync(["import-prices"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("import-prices <file> [options]", result.Error, StringComparison.Ordinal);
    }

    private static async Task<string> WritePricesAsync(LocalInstall install, string content)
    {
        var file = Path.Combine(install.Directory, "prices.json");
        await File.WriteAllTextAsync(file, content);
        return file;
    }

    private static async Task<decimal> InputPriceAsync(string databasePath)
    {
        await using var database = SwitchboardStorage.Create($"Data Source={databasePath}");
        return (await database.Configuration.LoadAsync(CancellationToken.None)).Models.Single(m => m.UpstreamModel == "deepseek-chat").InputPricePerMillion;
    }
}
