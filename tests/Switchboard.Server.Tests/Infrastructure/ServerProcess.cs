using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Runs the built gateway as its own OS process on a loopback port, so tests can kill it (<c>kill -9</c>) or run several against one database.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "sk-process-admin-key-0123456789";
    public const string MasterKey = "process-master-key-0123456789abcdef";

    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _errors;

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _output = process.StandardOutput.ReadToEndAsync();
        _errors = process.StandardError.ReadToEndAsync();
    }

    public Uri BaseUrl { get; }

    public int Id => _process.Id;

    /// <summary>Starts the server with its data in <paramref name="dataDirectory"/> and waits until <c>/healthz</c> answers (60 s at most).</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Switchboard.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["SWITCHBOARD_DATA_DIR"] = dataDirectory;
        start.Environment["SWITCHBOARD_ADMIN_KEY"] = AdminKey;
        start.Environment["SWITCHBOARD_MASTER_KEY"] = MasterKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException("The server exited: " + await server._errors + await server._output);
            }

            try
            {
                if ((await client.GetAsync(new Uri(server.BaseUrl, "healthz"))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException("The server did not answer /healthz within 60 s.");
            }

            await Task.Delay(100);
        }
    }

    public HttpClient CreateClient(string? key = AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Kills the process with SIGKILL, as the OOM killer or <c>kill -9</c> would: nothing in it runs after this.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
