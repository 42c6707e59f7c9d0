using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Cli;

/// <summary>A data directory that a real gateway started in and stopped, for commands that work on the local database.</summary>
/// <remarks>Deleted on dispose. <see cref="Environment"/> points a command at it as the gateway found it.</remarks>
public sealed class LocalInstall : IAsyncDisposable
{
    private LocalInstall(string directory, string? configPath)
    {
        Directory = directory;
        ConfigPath = configPath;
    }

    public string Directory { get; }

    public string? ConfigPath { get; }

    /// <summary>Gets the variables that point a command at this install: its data directory, master key and platforms file.</summary>
    public Dictionary<string, string?> Environment => new()
    {
        ["SWITCHBOARD_DATA_DIR"] = Directory,
        ["SWITCHBOARD_MASTER_KEY"] = GatewayHost.MasterKey,
        ["SWITCHBOARD_CONFIG"] = ConfigPath,
    };

    public string DatabasePath => Path.Combine(Directory, "switchboard.db");

    /// <summary>Starts the gateway once on a new data directory with <paramref name="yaml"/> as its platforms file, and stops it.</summary>
    public static async Task<LocalInstall> CreateAsync(string? yaml = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-cli-install", Guid.NewGuid().ToString("N"));
        await using (var host = await GatewayHost.StartAsync(yaml, dataDirectory: directory))
        {
            host.KeepDataOnDispose = true;
        }

        return new LocalInstall(directory, yaml is null ? null : Path.Combine(directory, "platforms.yaml"));
    }

    /// <summary>Starts a gateway on this data directory (the same database and platforms file); the caller disposes it.</summary>
    public async Task<GatewayHost> StartGatewayAsync()
    {
        var yaml = ConfigPath is null ? null : await File.ReadAllTextAsync(ConfigPath);
        var host = await GatewayHost.StartAsync(yaml, dataDirectory: Directory);
        host.KeepDataOnDispose = true;
        return host;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
