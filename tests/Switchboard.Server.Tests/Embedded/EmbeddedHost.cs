using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Embedded;
using Switchboard.Core.Usage;

namespace Switchboard.Server.Tests.Embedded;

/// <summary>Runs the engine inside a plain generic host (no web server), with its own data directory, for the embedded tests.</summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private EmbeddedHost(IHost host, string directory)
    {
        _host = host;
        _directory = directory;
    }

    public SwitchboardEngine Engine => _host.Services.GetRequiredService<SwitchboardEngine>();

    public IServiceProvider Services => _host.Services;

    public static async Task<EmbeddedHost> StartAsync(string? yaml = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-embedded", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string? configPath = null;
        if (yaml is not null)
        {
            configPath = Path.Combine(directory, "platforms.yaml");
            await File.WriteAllTextAsync(configPath, yaml);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSwitchboard(o =>
        {
            o.DataDirectory = directory;
            o.ConfigPath = configPath;
            o.AdminKey = "embedded-admin";
            o.GetEnvironmentVariable = name => name == "SWITCHBOARD_MASTER_KEY" ? "embedded-master-key" : null;
        });
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedHost(host, directory);
    }

    public async Task<IReadOnlyList<Switchboard.Abstractions.Usage.UsageRecord>> FlushAsync()
    {
        await _host.Services.GetRequiredService<UsageWriterService>().FlushAsync();
        return await _host.Services.GetRequiredService<IUsageStore>().QueryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), null, 1000, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try
        {
            Directory.Delete(_directory, true);
        }
        catch (IOException)
        {
        }
    }
}
