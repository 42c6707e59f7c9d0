using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Testing;

namespace Switchboard.Server.Tests.OpenAI;

/// <summary>Checks the documented mapping of upstream failures to client statuses, and streams that fail after the first byte.</summary>
public sealed class UpstreamFailureTests : IAsyncLifetime
{
    private const string UpstreamKey = "sk-upstream-secret-7f3a9c2e11d04b8a";
    private FakeUpstream _upstream = null!;
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _host = await GatewayHost.StartAsync(
            $$"""
            platforms:
              fake:
                kind: openai
                base_url: {{_upstream.BaseUrl}}v1
                api_key: '{FAKE_KEY}'
                models:
                  gpt: gpt-4o-mini
            """,
            new Dictionary<string, string?> { ["FAKE_KEY"] = UpstreamKey },
            new Dictionary<string, string?> { ["Switchboard:Gateway:MaxAttempts"] = "1", ["Switchboard:Gateway:FirstByteTimeout"] = "00:00:02", ["Switchboard:Gateway:IdleTimeout"] = "00:00:02" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData(400, 400, "invalid_request_error")]
    [InlineData(422, 400, "invalid_request_error")]
    [InlineData(401, 502, "upstream_error")]
    [InlineData(403, 502, "upstream_error")]
    [InlineData(402, 502, "upstream_error")]
    [InlineData(404, 502, "upstream_error")]
    [InlineData(429, 429, "rate_limit_error")]
    [InlineData(500, 502, "upstream_error")]
    [InlineData(502, 502, "upstream_error")]
    [InlineData(503, 503, "upstream_error")]
    [InlineData(529, 503, "upstream_error")]
    [InlineData(504, 504, "timeout_error")]
    public async Task ChatCompletion_UpstreamStatus_MapsToDocumentedStatus(int upstreamStatus, int expectedStatus, string expectedType)
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, upstreamStatus, OpenAIFakeResponses.Error($"upstream says no ({upstreamStatus}) key {UpstreamKey}"), ("Retry-After", "7"));

        var (status, error, response) = await PostAsync(stream: false);

        Assert.Equal(expectedStatus, (int)status);
        Assert.Equal(expectedType, error.GetProperty("type").GetString());
        Assert.DoesNotContain(UpstreamKey, error.GetProperty("message").GetString());
        if (upstreamStatus == 400)
        {
            Assert.Contains("upstream says no (400)", error.GetProperty("message").GetString());
        }

        if (upstreamStatus == 429)
        {
            Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        }
    }

    [Fact]
    public async Task ChatCompletion_UpstreamTimesOutBeforeHeaders_Returns504()
    {
        _upstream.Handler = async (ctx, _) => await Task.Delay(TimeSpan.FromSeconds(6), ctx.RequestAborted);
        var (status, error, _) = await PostAsync(stream: false);
        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("upstream_timeout", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletion_UpstreamResetsConnectionAfterTheRequest_Returns502UnknownOutcome()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Reset(ctx);
        var (status, error, _) = await PostAsync(stream: false);
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("upstream_error", error.GetProperty("type").GetString());
        Assert.Equal("unknown_outcome", error.GetProperty("code").GetString());
        Assert.Contains("may have processed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletion_UpstreamRefusesConnection_Returns502()
    {
        await _upstream.DisposeAsync();
        var (status, error, _) = await PostAsync(stream: false);
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("upstream_connection_failed", error.GetProperty("code").GetString());
        _upstream = await FakeUpstream.StartAsync();
    }

    [Fact]
    public async Task Stream_ResetAfterFirstByte_EndsWithOneErrorEventAndNoDone()
    {
        _upstream.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["Hel", "lo"]).Take(3));
            // Give the gateway time to forward the first bytes: a reset discards data the peer has not read yet.
            await Task.Delay(300);
            ctx.Abort();
        };

        using var client = _host.CreateClient();
        var response = await client.PostAsync("v1/chat/completions", StreamBody());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = SseParser.DataLines(body);
        Assert.DoesNotContain("[DONE]", data);
        var last = JsonDocument.Parse(data[^1]).RootElement;
        // The upstream had the whole request and was answering: the outcome upstream is unknown.
        Assert.Equal("unknown_outcome", last.GetProperty("error").GetProperty("code").GetString());
        Assert.Single(data, d => d.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Contains(data, d => d.Contains("Hel", StringComparison.Ordinal));

        var records = await _host.FlushUsageAsync();
        var record = Assert.Single(records);
        Assert.Equal(Switchboard.Abstractions.Usage.UsageSource.Partial, record.UsageSource);
        Assert.Equal("error", record.Status);
    }

    [Fact]
    public async Task Stream_InBandErrorAfterFirstByte_EndsWithOneErrorEvent()
    {
        _upstream.Handler = async (ctx, _) =>
        {
            var events = OpenAIFakeResponses.Stream(["a"]).Take(3).Append("data: " + OpenAIFakeResponses.Error("model crashed", "server_error") + "\n\n");
            await FakeUpstream.Sse(ctx, events);
        };

        using var client = _host.CreateClient();
        var body = await (await client.PostAsync("v1/chat/completions", StreamBody())).Content.ReadAsStringAsync();
        var data = SseParser.DataLines(body);
        Assert.DoesNotContain("[DONE]", data);
        Assert.Contains("model crashed", data[^1]);
    }

    [Fact]
    public async Task Stream_UpstreamGoesSilent_IdleTimeoutEndsStream()
    {
        _upstream.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["a"]).Take(3));
            await Task.Delay(TimeSpan.FromSeconds(8), ctx.RequestAborted);
        };

        using var client = _host.CreateClient();
        var body = await (await client.PostAsync("v1/chat/completions", StreamBody())).Content.ReadAsStringAsync();
        var data = SseParser.DataLines(body);
        Assert.Equal("upstream_timeout", JsonDocument.Parse(data[^1]).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stream_FailureBeforeFirstByte_ReturnsPlainHttpError()
    {
        _upstream.Handler = (ctx, _) => FakeUpstream.Json(ctx, 503, OpenAIFakeResponses.Error("busy", "server_error"));
        using var client = _host.CreateClient();
        var response = await client.PostAsync("v1/chat/completions", StreamBody());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_ClientDisconnects_RecordsOnePartialUsage()
    {
        var release = new TaskCompletionSource();
        _upstream.Handler = async (ctx, _) =>
        {
            await FakeUpstream.Sse(ctx, OpenAIFakeResponses.Stream(["one ", "two "]).Take(4));
            var piece = OpenAIFakeResponses.Stream(["more "]).ElementAt(2);
            while (!release.Task.IsCompleted && !ctx.RequestAborted.IsCancellationRequested)
            {
                await ctx.Response.WriteAsync(piece);
                await ctx.Response.Body.FlushAsync();
                await Task.Delay(50);
            }
        };

        using (var client = _host.CreateClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = StreamBody() };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64];
            _ = await stream.ReadAsync(buffer);
        }

        IReadOnlyList<Switchboard.Abstractions.Usage.UsageRecord> records = [];
        for (var i = 0; i < 50 && records.Count == 0; i++)
        {
            await Task.Delay(100);
            records = await _host.FlushUsageAsync();
        }

        release.TrySetResult();
        var record = Assert.Single(records);
        Assert.Equal("cancelled", record.Status);
        Assert.Equal(Switchboard.Abstractions.Usage.UsageSource.Partial, record.UsageSource);
        Assert.True(record.Tokens.InputTokens > 0);
    }

    private static StringContent StreamBody() => new(
        JsonSerializer.Serialize(new { model = "gpt", stream = true, messages = new[] { new { role = "user", content = "hi" } } }),
        Encoding.UTF8,
        "application/json");

    private async Task<(HttpStatusCode Status, JsonElement Error, HttpResponseMessage Response)> PostAsync(bool stream)
    {
        using var client = _host.CreateClient();
        var response = await client.PostAsJsonAsync("v1/chat/completions", new { model = "gpt", stream, messages = new[] { new { role = "user", content = "hi" } } });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.GetProperty("error"), response);
    }
}
