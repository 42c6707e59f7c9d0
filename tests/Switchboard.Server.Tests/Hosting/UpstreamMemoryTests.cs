using System.Net;
using System.Net.Http.Json;
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
        await using var gateway = await GatewayProcess.StartOwnAsync(Yaml(), new Dictionary<string, string?> { ["Logging__LogLevel__Default"] = "Warning" });
        using var client = gateway.CreateClient();

        // Warm the paths up (JIT, pools, one over-cap answer of each kind) so the baseline is a running gateway's.
        await SendSmallAsync(client, 300);
        await SendBigAsync(client, contentLength: true, count: 1);
        await SendBigAsync(client, contentLength: false, count: 1);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = gateway.MemoryStatus("VmRSS");
        gateway.ResetPeakMemory();

        var withLength = await SendBigAsync(client, contentLength: true);
        var chunked = await SendBigAsync(client, contentLength: false);
        var peak = gateway.MemoryStatus("VmHWM");

        // Ordinary traffic afterwards: memory that only a later full collection would free shows up here as kept.
        await SendSmallAsync(client, 100);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = gateway.MemoryStatus("VmRSS");

        output.WriteLine($"VmRSS before {Mb(before)} MB, VmHWM during {Mb(peak)} MB (+{Mb(peak - before)} MB), VmRSS after {Mb(after)} MB (+{Mb(after - before)} MB); the fake sent {Mb(_upstream.BytesSent)} MB in all");
        Assert.All(withLength.Concat(chunked), s => Assert.Equal((HttpStatusCode.BadGateway, "upstream_response_too_large"), s));
        Assert.True(peak - before < 200 * Megabyte, $"the gateway grew by {Mb(peak - before)} MB for {Concurrent} concurrent 60 MB answers");

        // Buffered in managed arrays, the cut answers kept about 80 MB resident here until a full collection.
        Assert.True(after - before < 50 * Megabyte, $"the gateway kept {Mb(after - before)} MB after the answers ended");
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

    private static long Mb(long bytes) => bytes / Megabyte;
}
