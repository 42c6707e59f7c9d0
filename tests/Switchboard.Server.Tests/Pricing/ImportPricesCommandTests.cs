using Switchboard.Server.Cli;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Storage;

namespace Switchboard.Server.Tests.Pricing;

/// <summary>Runs <c>import-prices</c> against the database a stopped gateway left behind.</summary>
public sealed class ImportPricesCommandTests
{
    [Fact]
    public async Task ImportPrices_DryRunThenApply_WritesOnlyOnApply()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-import-prices", Guid.NewGuid().ToString("N"));
        await using (var host = await GatewayHost.StartAsync("platforms:\n  ds:\n    preset: deepseek\n    base_url: https://api.deepseek.com/v1\n    api_key: sk-cli-test\n    models:\n      chat: deepseek-chat\n", dataDirectory: directory))
        {
            host.KeepDataOnDispose = true;
        }

        var file = Path.Combine(directory, "prices.json");
        await File.WriteAllTextAsync(file, """{"deepseek/deepseek-chat": {"input_cost_per_token": 2.7e-07, "output_cost_per_token": 1.1e-06, "litellm_provider": "deepseek", "mode": "chat"}}""");
        var env = new Dictionary<string, string?> { ["SWITCHBOARD_DATA_DIR"] = directory };
        try
        {
            var dryOutput = new StringWriter();
            Assert.True(CliCommands.TryRun(["import-prices", file, "--dry-run"], n => env.GetValueOrDefault(n), TextReader.Null, dryOutput, TextWriter.Null, out var dryExit));
            Assert.Equal(0, dryExit);
            Assert.Contains("Dry run: 1 platform models would change", dryOutput.ToString(), StringComparison.Ordinal);
            Assert.Contains("ds/chat (deepseek/deepseek-chat): input 0 -> 0.27, output 0 -> 1.1", dryOutput.ToString(), StringComparison.Ordinal);
            Assert.Equal(0m, await InputPriceAsync(directory));

            var output = new StringWriter();
            Assert.True(CliCommands.TryRun(["import-prices", file], n => env.GetValueOrDefault(n), TextReader.Null, output, TextWriter.Null, out var exit));
            Assert.Equal(0, exit);
            Assert.StartsWith("Updated 1 platform models", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(0.27m, await InputPriceAsync(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ImportPrices_BadRoot_ExitsWithTheFileAndPosition()
    {
        var file = Path.GetTempFileName();
        var directory = Path.Combine(Path.GetTempPath(), "sb-import-prices", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "switchboard.db"), "");
        await File.WriteAllTextAsync(file, "\n[\"gpt-4o\"]");
        try
        {
            var error = new StringWriter();
            Assert.True(CliCommands.TryRun(["import-prices", file], n => n == "SWITCHBOARD_DATA_DIR" ? directory : null, TextReader.Null, TextWriter.Null, error, out var exit));
            Assert.Equal(1, exit);
            Assert.Contains($"{Path.GetFileName(file)}: the root must be a JSON object", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("line 2, column 1", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ImportPrices_NoFile_IsAUsageError()
    {
        var error = new StringWriter();
        Assert.True(CliCommands.TryRun(["import-prices"], _ => null, TextReader.Null, TextWriter.Null, error, out var exit));
        Assert.Equal(2, exit);
        Assert.Contains("import-prices <file> [--dry-run]", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<decimal> InputPriceAsync(string directory)
    {
        await using var database = SwitchboardStorage.Create($"Data Source={Path.Combine(directory, "switchboard.db")}");
        return (await database.LoadAsync(CancellationToken.None)).Models.Single(m => m.UpstreamModel == "deepseek-chat").InputPricePerMillion;
    }
}
