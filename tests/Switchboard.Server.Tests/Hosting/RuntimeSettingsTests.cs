using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>Starts the built server as its own process and checks that it keeps the runtime's secure defaults.</summary>
public sealed class RuntimeSettingsTests
{
    [LinuxFact]
    public async Task Server_KeepsWriteXorExecute_UnlessTheEnvironmentTurnsItOff()
    {
        // W^X maps JIT code through the runtime's double mapper (a writable and an executable view); it is the default.
        Assert.True(await HasDoubleMappedCodeAsync(writeXorExecute: null));
        Assert.False(await HasDoubleMappedCodeAsync(writeXorExecute: "0"));
    }

    [Fact]
    public async Task Server_TurnsOffNoRuntimeProtection_AndKeepsDynamicPgo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.runtimeconfig.json");
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out _), "the file read is the server's runtimeconfig");
        Assert.False(properties.TryGetProperty("System.Runtime.EnableWriteXorExecute", out _));
        Assert.False(properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo) && pgo.ValueKind == JsonValueKind.False);
    }

    /// <summary>Runs the server until it answers /healthz; returns whether its code is mapped through the runtime's double mapper.</summary>
    private static async Task<bool> HasDoubleMappedCodeAsync(string? writeXorExecute)
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(environment: new Dictionary<string, string?> { ["DOTNET_EnableWriteXorExecute"] = writeXorExecute });
        var maps = await File.ReadAllTextAsync($"/proc/{gateway.ProcessId}/maps");
        return maps.Contains("doublemapper", StringComparison.Ordinal);
    }
}
