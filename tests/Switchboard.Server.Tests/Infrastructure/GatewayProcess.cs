using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Runs the built server (<c>Switchboard.Server.dll</c>) as an OS process of its own on a loopback port, and captures its console.</summary>
/// <remarks>For what an in-process host cannot show: runtime settings, memory, a <c>kill -9</c>, and several replicas on one database.</remarks>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private string? _ownedDirectory;

    private GatewayProcess(Process process, ConcurrentQueue<string> output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>Gets every console line written so far (standard output and error).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the server and waits until <paramref name="readyPath"/> answers 2xx (at most 90 s).</summary>
    /// <param name="workingDirectory">The process's working directory.</param>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="readyPath">The path polled until it succeeds.</param>
    /// <param name="command">A command to put before <c>--urls</c>, such as <c>serve</c>; none when null.</param>
    /// <param name="switches">More arguments after <c>--urls</c>, such as ASP.NET Core configuration switches.</param>
    public static async Task<GatewayProcess> StartAsync(
        string workingDirectory, IDictionary<string, string?> environment, string readyPath = "readyz", string? command = null, IReadOnlyList<string>? switches = null)
    {
        Directory.CreateDirectory(workingDirectory);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.dll"));
        if (command is not null)
        {
            start.ArgumentList.Add(command);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var argument in switches ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (name, value) in environment)
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

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Capture(output, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await gateway.WaitUntilAnswersAsync(readyPath);
            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server in a data directory of its own (deleted on dispose) with the test admin and master keys and the platforms file <paramref name="yaml"/> when given, and waits until <c>/healthz</c> answers.</summary>
    /// <param name="yaml">The platforms file, or null for none.</param>
    /// <param name="environment">More variables to set; a null value removes the variable.</param>
    /// <param name="command">A command to put before <c>--urls</c>, such as <c>serve</c>; none when null.</param>
    /// <param name="switches">More arguments after <c>--urls</c>.</param>
    public static async Task<GatewayProcess> StartOwnAsync(
        string? yaml = null, IDictionary<string, string?>? environment = null, string? command = null, IReadOnlyList<string>? switches = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-gateway-process", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var all = new Dictionary<string, string?>
        {
            ["SWITCHBOARD_DATA_DIR"] = directory,
            ["SWITCHBOARD_ADMIN_KEY"] = GatewayHost.AdminKey,
            ["SWITCHBOARD_MASTER_KEY"] = GatewayHost.MasterKey,
        };
        if (yaml is not null)
        {
            all["SWITCHBOARD_CONFIG"] = Path.Combine(directory, "platforms.yaml");
            await File.WriteAllTextAsync(all["SWITCHBOARD_CONFIG"]!, yaml);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        var gateway = await StartAsync(directory, all, readyPath: "healthz", command, switches);
        gateway._ownedDirectory = directory;
        return gateway;
    }

    /// <summary>Reads a memory line of <c>/proc/&lt;pid&gt;/status</c> (kB there) as bytes; Linux only.</summary>
    public long MemoryStatus(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Returns whether any mapping of the process (<c>/proc/&lt;pid&gt;/maps</c>) names <paramref name="text"/>; Linux only.</summary>
    public async Task<bool> MapsAsync(string text) =>
        (await File.ReadAllTextAsync($"/proc/{_process.Id}/maps")).Contains(text, StringComparison.Ordinal);

    /// <summary>Resets the kernel's resident high-water mark (VmHWM) to the current resident size; Linux only.</summary>
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public HttpClient CreateClient(string? key = GatewayHost.AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Counts the console lines that contain <paramref name="text"/>.</summary>
    public int CountOutput(string text) => _output.Count(line => line.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        if (_ownedDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Capture(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task WaitUntilAnswersAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, "the server exited:\n" + string.Join('\n', _output));
            try
            {
                if ((await client.GetAsync(new Uri(path, UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"the server did not answer /{path} within 90 s:\n" + string.Join('\n', _output));
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
