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
        var properties = await ServerRuntimePropertiesAsync();

        Assert.True(properties.TryGetProperty("System.GC.Gen0MaxBudget", out _), "the file read is the server's runtimeconfig");
        Assert.False(properties.TryGetProperty("System.Runtime.EnableWriteXorExecute", out _));
        Assert.False(properties.TryGetProperty("System.Runtime.TieredPGO", out var pgo) && pgo.ValueKind == JsonValueKind.False);
    }

    [Fact]
    public async Task Server_ShortensTheCallCountingDelay_AndKeepsTiering()
    {
        var properties = await ServerRuntimePropertiesAsync();

        // The runtime's default is 100 ms, times ten on one CPU; see the server's project file for the measurement.
        Assert.True(properties.TryGetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs", out var delay));
        Assert.InRange(delay.GetInt32(), 1, 20);
        Assert.False(properties.TryGetProperty("System.Runtime.TieredCompilation", out var tiering) && tiering.ValueKind == JsonValueKind.False);
    }

    /// <summary>Returns the <c>configProperties</c> of the built server's runtimeconfig.json.</summary>
    private static async Task<JsonElement> ServerRuntimePropertiesAsync()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.runtimeconfig.json");
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    /// <summary>Runs the server until it answers /healthz; returns whether its code is mapped through the runtime's double mapper.</summary>
    private static async Task<bool> HasDoubleMappedCodeAsync(string? writeXorExecute)
    {
        await using var gateway = await GatewayProcess.StartOwnAsync(environment: new Dictionary<string, string?> { ["DOTNET_EnableWriteXorExecute"] = writeXorExecute });
        return await gateway.MapsAsync("doublemapper");
    }
}
