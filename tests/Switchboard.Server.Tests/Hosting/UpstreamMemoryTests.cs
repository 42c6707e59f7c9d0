using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;
using Xunit.Abstractions;

namespace Switchboard.Server.Tests.Hosting;

/// <summary>
/// Six concurrent 60 MB upstream answers (issue 12, case 5): every client gets 502 <c>upstream_response_too_large</c>,
/// and the gateway, run as its own process, grows by less than 200 MB and gives the memory back.
/// </summary>
/// <remarks>
/// The fake streams each answer in 64 KiB chunks, so the test process never holds one whole. Resident memory is read
/// from <c>/proc/&lt;pid&gt;/status</c>: VmRSS before and after, VmHWM (the kernel's high-water mark) for the peak.
/// </remarks>
public sealed class UpstreamMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Concurrent = 6;
    private const long SixtyMegabytes = 60L * 1000 * 1000;
    private const long Megabyte = 1024 * 1024;
    private readonly BulkAnswer _bulk = new();
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Handler = (ctx, r) => r.BodyText.Contains("\"big-with-length\"", StringComparison.Ordinal)
            ? _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: true)
            : r.BodyText.Contains("\"big-chunked\"", StringComparison.Ordinal)
                ? _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: false)
                : FakeUpstream.Json(ctx, 200, OpenAIFakeResponses.Completion("small"));
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SixConcurrentSixtyMegabyteAnswers_EveryClientGets502TooLarge(bool contentLength)
    {
        await using var host = await GatewayHost.StartAsync(Yaml());
        using var client = host.CreateClient();

        var statuses = await SendBigAsync(client, contentLength);

        Assert.All(statuses, s => Assert.Equal((HttpStatusCode.BadGateway, "upstream_response_too_large"), s));
        var records = await host.FlushUsageAsync();
        Assert.Equal(Concurrent, records.Count);
        Assert.All(records, r => Assert.Equal("upstream_response_too_large", r.ErrorType));
    }

    [LinuxFact]
    public async Task SixConcurrentSixtyMegabyteAnswers_AddLessThan200MegabytesToTheGatewayProcess_AndItGivesThemBack()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sb-upstream-memory", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "platforms.yaml");
        await File.WriteAllTextAsync(configPath, Yaml());
        var port = FreePort();
        using var process = StartGateway(directory, configPath, port);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayHost.AdminKey);
            await WaitForHealthAsync(client, process);

            // Warm the paths up (JIT, pools, one over-cap answer of each kind) so the baseline is a running gateway's.
            await SendSmallAsync(client, 300);

            await SendBigAsync(client, contentLength: true, count: 1);
            await SendBigAsync(client, contentLength: false, count: 1);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var before = Status(process.Id, "VmRSS");
            ResetPeak(process.Id);

            var withLength = await SendBigAsync(client, contentLength: true);
            var chunked = await SendBigAsync(client, contentLength: false);
            var peak = Status(process.Id, "VmHWM");

            // Ordinary traffic afterwards: memory that only a later full collection would free shows up here as kept.
            await SendSmallAsync(client, 100);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var after = Status(process.Id, "VmRSS");

            output.WriteLine($"VmRSS before {Mb(before)} MB, VmHWM during {Mb(peak)} MB (+{Mb(peak - before)} MB), VmRSS after {Mb(after)} MB (+{Mb(after - before)} MB); the fake sent {Mb(_upstream.BytesSent)} MB in all");
            Assert.All(withLength.Concat(chunked), s => Assert.Equal((HttpStatusCode.BadGateway, "upstream_response_too_large"), s));
            Assert.True(peak - before < 200 * Megabyte, $"the gateway grew by {Mb(peak - before)} MB for {Concurrent} concurrent 60 MB answers");
            // Buffered in managed arrays, the cut answers kept about 80 MB resident here until a full collection.
            Assert.True(after - before < 50 * Megabyte, $"the gateway kept {Mb(after - before)} MB after the answers ended");
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

    private string Yaml() =>
        $$"""
        platforms:
          big:
            kind: openai
            base_url: {{_upstream.BaseUrl}}v1
            api_key: sk-big-0001
            models: { shared: gpt-big }
        """;

    private static async Task SendSmallAsync(HttpClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await client.PostAsJsonAsync("v1/chat/completions", Chat("small"))).EnsureSuccessStatusCode();
        }
    }

    private static object Chat(string content) => new { model = "shared", messages = new[] { new { role = "user", content } } };

    private static async Task<(HttpStatusCode Status, string? Code)[]> SendBigAsync(HttpClient client, bool contentLength, int count = Concurrent) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var response = await client.PostAsJsonAsync("v1/chat/completions", Chat(contentLength ? "big-with-length" : "big-chunked"));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, body.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null);
        }));

    private static Process StartGateway(string directory, string configPath, int port)
    {
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
        start.Environment["SWITCHBOARD_CONFIG"] = configPath;
        start.Environment["SWITCHBOARD_ADMIN_KEY"] = GatewayHost.AdminKey;
        start.Environment["SWITCHBOARD_MASTER_KEY"] = GatewayHost.MasterKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task WaitForHealthAsync(HttpClient client, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, "the gateway exited");
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

            Assert.True(DateTime.UtcNow < deadline, "the gateway did not answer /healthz within 60 s");
            await Task.Delay(200);
        }
    }

    /// <summary>Reads a <c>/proc/&lt;pid&gt;/status</c> memory line (kB) as bytes.</summary>
    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Resets the kernel's resident high-water mark to the current resident size (writing 5 to clear_refs).</summary>
    private static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static long Mb(long bytes) => bytes / Megabyte;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
