using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Starts the built server as its own process and checks the runtime settings its runtimeconfig.json ships.</summary>
public sealed class RuntimeSettingsTests
{
    [LinuxFact]
    public async Task Server_MapsJitCodeOnce_AndTheEnvironmentCanTurnDoubleMappingBackOn()
    {
        Assert.False(await HasDoubleMappedCodeAsync(writeXorExecute: null));
        Assert.True(await HasDoubleMappedCodeAsync(writeXorExecute: "1"));
    }

    /// <summary>Runs the server until it answers /healthz; returns whether its code is mapped through the runtime's double mapper.</summary>
    private static async Task<bool> HasDoubleMappedCodeAsync(string? writeXorExecute)
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(environment: new Dictionary<string, string?> { ["DOTNET_EnableWriteXorExecute"] = writeXorExecute });
        var maps = await File.ReadAllTextAsync($"/proc/{gateway.ProcessId}/maps");
        return maps.Contains("doublemapper", StringComparison.Ordinal);
    }
}
