using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["SWITCHBOARD_DATA_DIR"] = directory;
        start.Environment["SWITCHBOARD_ADMIN_KEY"] = "sk-runtime-settings-admin";
        start.Environment["SWITCHBOARD_MASTER_KEY"] = "runtime-settings-master-key-0123456789";
        start.Environment.Remove("DOTNET_EnableWriteXorExecute");
        if (writeXorExecute is not null)
        {
            start.Environment["DOTNET_EnableWriteXorExecute"] = writeXorExecute;
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(process.HasExited, "the server exited: " + (process.HasExited ? await errors : ""));
                try
                {
                    if ((await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"))).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                Assert.True(DateTime.UtcNow < deadline, "the server did not answer /healthz within 60 s");
                await Task.Delay(200);
            }

            var maps = await File.ReadAllTextAsync($"/proc/{process.Id}/maps");
            return maps.Contains("doublemapper", StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
