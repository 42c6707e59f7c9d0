using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Starts the built server as its own process and checks the runtime settings its runtimeconfig.json ships.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public async Task Server_MapsJitCodeOnce_AndTheEnvironmentCanTurnDoubleMappingBackOn()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/<pid>/maps is Linux's
        }

        Assert.False(await HasDoubleMappedCodeAsync(writeXorExecute: null));
        Assert.True(await HasDoubleMappedCodeAsync(writeXorExecute: "1"));
    }

    /// <summary>Runs the server until it answers /healthz; returns whether its code is mapped through the runtime's double mapper.</summary>
    private static async Task<bool> HasDoubleMappedCodeAsync(string? writeXorExecute)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-runtime-settings", Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await GatewayProcess.StartAsync(directory, new Dictionary<string, string?>
            {
                ["SWITCHBOARD_DATA_DIR"] = directory,
                ["SWITCHBOARD_ADMIN_KEY"] = "sk-runtime-settings-admin",
                ["SWITCHBOARD_MASTER_KEY"] = "runtime-settings-master-key-0123456789",
                ["DOTNET_EnableWriteXorExecute"] = writeXorExecute,
            }, readyPath: "healthz");
            var maps = await File.ReadAllTextAsync($"/proc/{server.ProcessId}/maps");
            return maps.Contains("doublemapper", StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
