using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Testing;

/// <summary>Runs a PostgreSQL server of its own (a fresh cluster on a free loopback port) that a test may stop and start, as an outage would, without touching the shared test server.</summary>
/// <remarks>Uses the binaries of Debian's <c>postgresql</c> package, which the test script installs. As root the cluster runs as the <c>postgres</c> user, because PostgreSQL refuses to run as root.</remarks>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PrivatePostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Gets a connection string to the cluster's <c>postgres</c> database as the superuser <c>sb</c>.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=sb;Database=postgres;Timeout=5;Command Timeout=10";

    /// <summary>Creates the cluster and starts it.</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.EnumerateDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL's binaries are not installed (/usr/lib/postgresql/*/bin/initdb); ./scripts/test.sh installs them.");
        var directory = Path.Combine(Path.GetTempPath(), "sb-private-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var server = new PrivatePostgres(bin, directory, FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", directory);
        }

        await server.RunAsPostgresAsync("initdb", "-D", Path.Combine(directory, "data"), "-U", "sb", "-A", "trust", "--no-sync", "-E", "UTF8");
        await server.StartServerAsync();
        return server;
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>.</summary>
    public Task StartServerAsync() => RunAsPostgresAsync(
        "pg_ctl", "-D", Path.Combine(_directory, "data"), "-l", Path.Combine(_directory, "log"), "-w", "-t", "60",
        "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off"), "start");

    /// <summary>Stops the server at once, as a crash or a killed host would (<c>pg_ctl stop -m immediate</c>).</summary>
    public Task StopAsync() => RunAsPostgresAsync("pg_ctl", "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunAsPostgresAsync(string tool, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await errors}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
