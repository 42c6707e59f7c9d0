using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Runs the built server as its own process on a free loopback port with its own data directory, for what only a real process shows (memory, runtime settings).</summary>
/// <remarks>Disposing kills the process and deletes the directory.</remarks>
public sealed class GatewayProcess : IAsyncDisposable
{
    private GatewayProcess(Process process, string dataDirectory, Uri baseUrl)
    {
        Process = process;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
    }

    public Process Process { get; }

    public string DataDirectory { get; }

    public Uri BaseUrl { get; }

    /// <summary>Starts the server, with the platforms file <paramref name="yaml"/> when given, and waits until it answers <c>/healthz</c>.</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<GatewayProcess> StartAsync(string? yaml = null, IDictionary<string, string?>? environment = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-gateway-process", Guid.NewGuid().ToString("N"));
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
        start.Environment["SWITCHBOARD_ADMIN_KEY"] = GatewayHost.AdminKey;
        start.Environment["SWITCHBOARD_MASTER_KEY"] = GatewayHost.MasterKey;
        if (yaml is not null)
        {
            var configPath = Path.Combine(directory, "platforms.yaml");
            await File.WriteAllTextAsync(configPath, yaml);
            start.Environment["SWITCHBOARD_CONFIG"] = configPath;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var gateway = new GatewayProcess(Process.Start(start)!, directory, new Uri($"http://127.0.0.1:{port}/"));
        _ = gateway.Process.StandardOutput.ReadToEndAsync();
        var errors = gateway.Process.StandardError.ReadToEndAsync();
        try
        {
            await gateway.WaitForHealthAsync(errors);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a client for the gateway, authenticated with <paramref name="key"/>.</summary>
    public HttpClient CreateClient(string? key = GatewayHost.AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Reads a memory line of <c>/proc/&lt;pid&gt;/status</c> (kB there) as bytes; Linux only.</summary>
    public long MemoryStatus(string field)
    {
        var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Resets the kernel's resident high-water mark (VmHWM) to the current resident size; Linux only.</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{Process.Id}/clear_refs", "5");

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync();
        Process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitForHealthAsync(Task<string> errors)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(Process.HasExited, "the server exited: " + (Process.HasExited ? await errors : ""));
            try
            {
                if ((await client.GetAsync("healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Assert.True(DateTime.UtcNow < deadline, "the server did not answer /healthz within 60 s");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
