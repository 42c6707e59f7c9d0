using Microsoft.Data.Sqlite;
using Switchboard.Core.Secrets;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Cli;

/// <summary>Runs <c>check</c> from the built binary: each failure has its own exit code, a fresh install stays untouched, and no secret is printed.</summary>
public sealed class CheckCommandTests
{
    private const string Yaml = "platforms:\n  up:\n    kind: openai\n    base_url: https://api.example.com/v1\n    api_key: sk-check-upstream-secret-1\n    models: { m: m }\n";

    [Fact]
    public async Task FreshInstall_Passes_AndCreatesNothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-cli-fresh", Guid.NewGuid().ToString("N"));

        var result = await CliProcess.RunAsync(["check"], new Dictionary<string, string?> { ["SWITCHBOARD_DATA_DIR"] = directory });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("none yet: the first start creates", result.Output, StringComparison.Ordinal);
        Assert.Contains("the first start generates", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), "check created the data directory");
        Assert.Empty(Directory.EnumerateFileSystemEntries(result.WorkingDirectory));
    }

    [Fact]
    public async Task ConfiguredInstall_EveryCheckPasses()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);

        var result = await CliProcess.RunAsync(["check"], install.Environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("it is the key that sealed the stored data", result.Output, StringComparison.Ordinal);
        Assert.Contains("all 1 stored upstream keys open", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 platforms, 1 models, 1 keys", result.Output, StringComparison.Ordinal);
        Assert.Contains("All checks passed.", result.Output, StringComparison.Ordinal);
        AssertNoSecret(result);
    }

    [Fact]
    public async Task BrokenYaml_ExitsWithThePlatformsFileCode_NamingTheLine()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        await File.WriteAllTextAsync(install.ConfigPath!, "platforms:\n  up:\n    base_url: [oops\n");

        var result = await CliProcess.RunAsync(["check"], install.Environment);

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Matches(@"platforms\.yaml:\d+:\d+: \(yaml\): invalid YAML", result.Output);
        Assert.Contains("Failed: platforms file (exit code 6)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMasterKey_WithSealedKeys_ExitsWithTheMasterKeyCode()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        var environment = install.Environment;
        environment["SWITCHBOARD_MASTER_KEY"] = "a-different-master-key-for-this-test";

        var result = await CliProcess.RunAsync(["check"], environment);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("The master key does not match the key that sealed the stored secrets", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a-different-master-key-for-this-test", result.Output + result.Error, StringComparison.Ordinal);
        AssertNoSecret(result);
    }

    [Fact]
    public async Task MissingMasterKey_WithSealedData_ExitsWithTheMasterKeyCode()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        var environment = install.Environment;
        environment["SWITCHBOARD_MASTER_KEY"] = null;

        var result = await CliProcess.RunAsync(["check"], environment);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("the database holds sealed data", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(install.Directory, MasterKeyResolver.KeyFileName)), "check generated a master key");
    }

    [Fact]
    public async Task StoredKeyThatDoesNotOpen_ExitsWithTheSealedKeysCode()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);

        // A value sealed for another row fails to open here, as a key copied between rows or platforms would.
        var foreign = new SecretSealer(GatewayHost.MasterKey).Seal("sk-foreign-1234567890", SecretContexts.PlatformKey("-1", "another-platform"));
        await using (var connection = new SqliteConnection($"Data Source={install.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE platform_keys SET sealed_value = $value";
            command.Parameters.AddWithValue("$value", foreign);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var result = await CliProcess.RunAsync(["check"], install.Environment);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("1 of 1 stored upstream keys cannot be opened", result.Output, StringComparison.Ordinal);
        Assert.Contains("of platform up", result.Output, StringComparison.Ordinal);
        AssertNoSecret(result);
    }

    [Fact]
    public async Task UnreachableDatabase_ExitsWithTheDatabaseCode_WithoutItsPassword()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Switchboard"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=sb;Password=pg-password-must-not-show;Database=none;Timeout=5",
        };

        var result = await CliProcess.RunAsync(["check"], environment);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("Failed: database (exit code 3)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-password-must-not-show", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunningGateway_PassesThroughItsApi()
    {
        await using var install = await LocalInstall.CreateAsync(Yaml);
        await using var host = await install.StartGatewayAsync();

        var result = await CliProcess.RunAsync(["check", "--url", host.BaseUrl.ToString(), "--key", GatewayHost.AdminKey]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is ready, configuration version", result.Output, StringComparison.Ordinal);
        Assert.Contains("platform up", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHost.AdminKey, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableGateway_ExitsWithTheGatewayCode()
    {
        var result = await CliProcess.RunAsync(["check", "--url", $"http://127.0.0.1:{ClosedPort()}"]);

        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Contains("cannot reach the gateway", result.Output, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(CliResult result)
    {
        var all = result.Output + result.Error;
        Assert.DoesNotContain("sk-check-upstream-secret-1", all, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHost.MasterKey, all, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
