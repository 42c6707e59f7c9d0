using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Configuration;

/// <summary>Checks the three ways the platforms file meets the database: first start, later starts, forced reset.</summary>
public sealed class PlatformsFileSyncTests
{
    private static string Yaml(params string[] models) =>
        "platforms:\n  local:\n    preset: ollama\n    base_url: http://127.0.0.1:9/v1\n    models:\n" + string.Concat(models.Select(m => $"      {m}: {m}-upstream\n"));

    [Fact]
    public async Task LaterStart_AddsOnlyNewModels_AndForcedResetMatchesTheFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-sync", Guid.NewGuid().ToString("N"));
        await using (var first = await GatewayHost.StartAsync(Yaml("alpha", "beta"), dataDirectory: directory))
        {
            first.KeepDataOnDispose = true;
            Assert.Equal(["alpha", "beta", "demo", "demo-embedding"], await ModelIdsAsync(first));
        }

        await using (var second = await GatewayHost.StartAsync(Yaml("alpha", "gamma"), dataDirectory: directory))
        {
            second.KeepDataOnDispose = true;
            Assert.Equal(["alpha", "beta", "demo", "demo-embedding", "gamma"], await ModelIdsAsync(second));

            using var admin = second.CreateClient();
            var reset = await admin.PostAsync("api/ai/admin/reload-from-yaml", null);
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Equal(["alpha", "gamma"], await ModelIdsAsync(second));
        }

        Directory.Delete(directory, true);
    }

    [Fact]
    public async Task Start_InvalidYaml_FailsNamingFileLineAndField()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync("platforms:\n  bad:\n    base_url: http://x\n    models:\n      m:\n        model_name: m\n        input_price: cheap\n"));
        Assert.Contains("platforms.yaml:7:", ex.Message);
        Assert.Contains("input_price", ex.Message);
    }

    [Fact]
    public async Task Start_WrongMasterKeyWithSealedData_FailsLoudly()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-mk", Guid.NewGuid().ToString("N"));
        const string yaml = "platforms:\n  p:\n    base_url: https://api.example.com/v1\n    api_key: sk-some-real-looking-key-123\n    models: { m: m }\n";
        await using (var first = await GatewayHost.StartAsync(yaml, dataDirectory: directory))
        {
            first.KeepDataOnDispose = true;
        }

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(yaml, dataDirectory: directory, masterKey: "a-different-master-key"));
        Assert.Contains("master key does not match", ex.Message, StringComparison.OrdinalIgnoreCase);
        Directory.Delete(directory, true);
    }

    private static async Task<List<string>> ModelIdsAsync(GatewayHost host)
    {
        using var client = host.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync("v1/models")).RootElement;
        return json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
    }
}
