using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.OpenAI;

/// <summary>
/// Upstream answers are bounded: a non-streamed body over the cap (16 MiB by default) is a 502
/// <c>upstream_response_too_large</c>, refused from its Content-Length when it has one; a body that trickles after its
/// headers is a 504 once <c>IdleTimeout</c> passed; a stream line over <c>MaxUpstreamEventBytes</c> fails over before the
/// first byte and ends the stream with one error event after it. Chat answers that may have been processed are never
/// retried on the secondary, and every request writes one usage record.
/// </summary>
public sealed class UpstreamSizeLimitTests : TwoSourceTestBase
{
    private const long SixtyMegabytes = 60L * 1000 * 1000;
    private const int DefaultCap = 16 * 1024 * 1024;
    private const int EventCap = 64 * 1024;
    private readonly BulkAnswer _bulk = new();

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Switchboard:Gateway:IdleTimeout"] = "00:00:02",
        ["Switchboard:Gateway:MaxUpstreamEventBytes"] = EventCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task ChatCompletion_ContentLengthOverTheCap_Is502TooLargeWithoutReadingTheBody()
    {
        Primary.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: true);

        var (status, error) = await CompleteAsync();

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("upstream_error", error.GetProperty("type").GetString());
        Assert.Equal("upstream_response_too_large", error.GetProperty("code").GetString());
        Assert.Single(Primary.Requests);
        Assert.Empty(Secondary.Requests);

        // The gateway hung up on the headers: the fake's write was cut, and what reached its socket (socket buffers
        // included) stays far below the 16 MiB a reader that reads up to the cap would have taken.
        await WaitUntilAsync(() => _bulk.Ended == 1);
        Assert.True(Primary.BytesSent < DefaultCap, $"the fake sent {Primary.BytesSent} bytes");
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("upstream_response_too_large", record.ErrorType);
        Assert.Equal(502, record.HttpStatus);
    }

    [Fact]
    public async Task ChatCompletion_ChunkedBodyOverTheCap_Is502TooLarge()
    {
        Primary.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: false);

        var (status, error) = await CompleteAsync();

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("upstream_response_too_large", error.GetProperty("code").GetString());
        Assert.Empty(Secondary.Requests);
        await WaitUntilAsync(() => _bulk.Ended == 1);
        Assert.True(Primary.BytesSent < SixtyMegabytes / 2, $"the fake sent {Primary.BytesSent} bytes");
        Assert.Equal("upstream_response_too_large", Assert.Single(await Host.FlushUsageAsync()).ErrorType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChatCompletion_BodyExactlyAtTheCap_IsAnswered(bool contentLength)
    {
        var completion = OpenAIFakeResponses.Completion("sixteen mebibytes");
        Primary.Handler = (ctx, _) => _bulk.WriteAsync(ctx, DefaultCap - Encoding.UTF8.GetByteCount(completion), contentLength, completion);
        using var client = Host.CreateClient();

        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sixteen mebibytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("success", Assert.Single(await Host.FlushUsageAsync()).Status);
    }

    [Fact]
    public async Task ChatCompletion_BodyTricklesAfterItsHeaders_Is504WithinTheIdleTimeoutAndNotRetried()
    {
        // One byte every 100 ms for a minute: each byte would re-arm a per-read idle clock of 2 s.
        Primary.Handler = (ctx, _) => _bulk.TrickleAsync(ctx, 600, TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.StartNew();

        var (status, error) = await CompleteAsync();

        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("timeout_error", error.GetProperty("type").GetString());
        Assert.Equal("upstream_timeout", error.GetProperty("code").GetString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"the trickle held the request {started.Elapsed}");
        Assert.Empty(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("upstream_timeout", record.ErrorType);
        Assert.Equal(1, record.Attempts);
    }

    [Fact]
    public async Task Stream_LineOverTheCapBeforeTheFirstByte_FailsOverToTheSecondary()
    {
        Primary.Handler = (ctx, _) => _bulk.WriteAsync(ctx, SixtyMegabytes, contentLength: false, contentType: "text/event-stream", filler: (byte)'a');
        using var client = Host.CreateClient();

        var response = await client.PostAsync("v1/chat/completions", StreamBody());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = SseParser.DataLines(text);
        Assert.Equal("[DONE]", data[^1]);
        Assert.DoesNotContain(data, d => d.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Contains("secondary", text, StringComparison.Ordinal);
        Assert.Single(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("success", record.Status);
        Assert.Equal(2, record.Attempts);
    }

    [Fact]
    public async Task Stream_EventOverTheCapAfterTheFirstByte_EndsWithOneTooLargeErrorEvent()
    {
        Primary.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["partial"]).Take(3));
            await Task.Delay(300);
            var line = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('x', 2 * EventCap) + "\"}}]}\n\n";
            await ctx.Response.WriteAsync(line + "data: [DONE]\n\n");
        };
        using var client = Host.CreateClient();

        var response = await client.PostAsync("v1/chat/completions", StreamBody());
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = SseParser.DataLines(text);
        Assert.Contains(data, d => d.Contains("partial", StringComparison.Ordinal));
        Assert.DoesNotContain("[DONE]", data);
        Assert.Single(data, d => d.Contains("\"error\"", StringComparison.Ordinal));
        var error = JsonDocument.Parse(data[^1]).RootElement.GetProperty("error");
        Assert.Equal("upstream_response_too_large", error.GetProperty("code").GetString());
        Assert.Empty(Secondary.Requests);
        var record = Assert.Single(await Host.FlushUsageAsync());
        Assert.Equal("upstream_response_too_large", record.ErrorType);
    }

    [Fact]
    public async Task Gateway_EventCapOfZero_RefusesToStart()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Switchboard:Gateway:MaxUpstreamEventBytes"] = "0" }));

        Assert.Contains("MaxUpstreamEventBytes must be between", failure.ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Error)> CompleteAsync()
    {
        using var client = Host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "shared", messages = new[] { new { role = "user", content = "hi" } } });
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error"));
    }

    private static StringContent StreamBody() =>
        new(JsonSerializer.Serialize(new { model = "shared", stream = true, messages = new[] { new { role = "user", content = "hi" } } }), Encoding.UTF8, "application/json");

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), $"the condition did not hold within 30 s (the fake sent {Primary.BytesSent} bytes)");
    }
}
