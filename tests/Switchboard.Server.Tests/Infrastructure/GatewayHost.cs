using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Storage;
using Switchboard.Core.Usage;
using Switchboard.Hosting;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>Runs the real gateway on a loopback port with its own data directory, admin key and master key.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string AdminKey = "sb-test-admin-key-0123456789";
    public const string MasterKey = "test-master-key-for-switchboard-tests";

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, string dataDirectory, CapturingLoggerProvider logs)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Logs = logs;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public string DataDirectory { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    public bool KeepDataOnDispose { get; set; }

    public static async Task<GatewayHost> StartAsync(string? yaml = null, IDictionary<string, string?>? environment = null, IDictionary<string, string?>? settings = null, string? dataDirectory = null, string masterKey = MasterKey, Action<IServiceCollection>? services = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "sb-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        string? configPath = null;
        if (yaml is not null)
        {
            configPath = Path.Combine(dataDirectory, "platforms.yaml");
            await File.WriteAllTextAsync(configPath, yaml);
        }

        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["SWITCHBOARD_MASTER_KEY"] = masterKey };
        var logs = new CapturingLoggerProvider();
        var app = SwitchboardServer.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            var values = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Switchboard"] = $"Data Source={Path.Combine(dataDirectory, "switchboard.db")}",
                ["SWITCHBOARD_ADMIN_KEY"] = AdminKey,
                ["SWITCHBOARD_DATA_DIR"] = dataDirectory,
                ["SWITCHBOARD_CONFIG"] = configPath,
                ["Switchboard:Gateway:FirstByteTimeout"] = "00:00:05",
                ["Switchboard:Gateway:IdleTimeout"] = "00:00:05",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
            builder.Services.PostConfigure<SwitchboardOptions>(o =>
                o.GetEnvironmentVariable = name => env.TryGetValue(name, out var value) ? value : null);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var host = new GatewayHost(app, dataDirectory, logs);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    public HttpClient CreateClient(string? key = AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Writes every queued usage record and returns all stored ones.</summary>
    public async Task<IReadOnlyList<Switchboard.Abstractions.Usage.UsageRecord>> FlushUsageAsync()
    {
        await Services.GetRequiredService<UsageWriterService>().FlushAsync();
        return await Services.GetRequiredService<IUsageStore>().QueryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), null, 100_000, CancellationToken.None);
    }

    /// <summary>Stops the host gracefully, as SIGTERM does: in-flight requests finish, then hosted services stop.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (KeepDataOnDispose)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Captures every log line the gateway writes, so tests can assert no secret is logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
