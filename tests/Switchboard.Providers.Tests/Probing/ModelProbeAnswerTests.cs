using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Switchboard.Providers.Probing;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Probing.ProbeHarness;

namespace Switchboard.Providers.Tests.Probing;

/// <summary>What the probe makes of an allowlisted server's answer: model lists, limits, statuses and junk.</summary>
public sealed class ModelProbeAnswerTests : IAsyncLifetime
{
    private FakeUpstream _fake = null!;
    private ModelProbe? _probe;
    private CapturingLogger? _log;

    public async Task InitializeAsync() => _fake = await FakeUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        _probe?.Dispose();
        await _fake.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"object":"list","data":[{"id":"a"},{"id":"b"}]}""", new[] { "a", "b" })]
    [InlineData("""{"models":[{"name":"llama3:8b","model":"llama3:8b"},{"name":"qwen2.5:7b"}]}""", new[] { "llama3:8b", "qwen2.5:7b" })]
    [InlineData("""[{"id":"x"},{"name":"y"},"z"]""", new[] { "x", "y", "z" })]
    [InlineData("""{"data":[{"id":"a"},{"id":"a"},{"id":""},{"id":7},{"id":"b"}]}""", new[] { "a", "b" })]
    [InlineData("""{"data":[]}""", new string[0])]
    [InlineData("""{"data":{"nested":1},"models":["m"]}""", new[] { "m" })]
    public async Task ProbeAsync_ModelListShapes_AreRead(string body, string[] expected)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, body);

        var result = await Probe().ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, result.ModelIds);
        Assert.Equal(200, result.UpstreamStatus);
    }

    [Fact]
    public async Task ProbeAsync_NoKey_SendsNoAuthorizationHeader()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"data":[{"id":"local"}]}""");

        var result = await Probe().ProbeAsync(_fake.BaseUrl + "v1/", "   ", default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(_fake.LastRequest.Header("Authorization"));
        Assert.Equal("/v1/models", _fake.LastRequest.Path);
    }

    [Theory]
    [InlineData("v1", "/v1/models", "")]
    [InlineData("api/paas/v4", "/api/paas/v4/models", "")]
    [InlineData("compatible-mode/v1/", "/compatible-mode/v1/models", "")]
    [InlineData("v1/models", "/v1/models", "")]
    [InlineData("openai?api-version=1", "/openai/v1/models", "?api-version=1")]
    public async Task ProbeAsync_BaseUrlForms_HitTheModelsPath(string suffix, string path, string query)
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, """{"data":[]}""");

        var result = await Probe().ProbeAsync(_fake.BaseUrl + suffix, Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(path, _fake.LastRequest.Path);
        Assert.Equal(query, _fake.LastRequest.Query);
    }

    [Fact]
    public async Task ProbeAsync_AnswerAboveTheCapWithContentLength_FailsWithoutReadingIt()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, ModelListOfSize(5000));

        var result = await Probe(o => o.MaxResponseBytes = 1024).ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.ResponseTooLarge, "The answer exceeded 1 KiB.");
        Assert.Equal(200, result.UpstreamStatus);
        _log!.AssertNoKey();
    }

    [Fact]
    public async Task ProbeAsync_EndlessChunkedAnswer_StopsAtTheCap()
    {
        // No Content-Length, and the whole body (64 MiB at 64 KiB per 5 ms) takes over 5 s to send: only a cap
        // enforced while reading returns within a second or two. Server-side byte counts prove nothing here, because
        // loopback socket buffers can swallow tens of MiB the client never reads.
        _fake.Handler = async (ctx, _) =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            var chunk = Encoding.UTF8.GetBytes(new string(' ', 64 * 1024));
            try
            {
                await ctx.Response.Body.WriteAsync("{\"data\":["u8.ToArray(), ctx.RequestAborted);
                for (var i = 0; i < 1024; i++)
                {
                    await ctx.Response.Body.WriteAsync(chunk, ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                    await Task.Delay(5, ctx.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
        };
        var watch = Stopwatch.StartNew();

        var result = await Probe(o => o.MaxResponseBytes = 1024 * 1024).ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.ResponseTooLarge, "The answer exceeded 1 MiB.");
        Assert.Equal(200, result.UpstreamStatus);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}: the probe read past the cap");
    }

    [Fact]
    public async Task ProbeAsync_AnswerExactlyAtTheCap_IsAccepted()
    {
        var body = ModelListOfSize(1500);
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, body);

        var result = await Probe(o => o.MaxResponseBytes = 1500).ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["padded"], result.ModelIds);
    }

    [Fact]
    public async Task ProbeAsync_AnswerOneByteOverTheCap_IsRefused()
    {
        var body = ModelListOfSize(1501);
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, body);

        var result = await Probe(o => o.MaxResponseBytes = 1500).ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.ResponseTooLarge, "The answer exceeded 1500 bytes.");
    }

    [Fact]
    public async Task ProbeAsync_ServerSlowerThanTheTimeout_FailsWithTheTimeout()
    {
        _fake.Handler = async (ctx, _) => await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted);
        var watch = Stopwatch.StartNew();

        var result = await Probe(o => o.Timeout = TimeSpan.FromMilliseconds(300)).ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.Timeout, "The probe timed out after 0.3 s.");
        Assert.Null(result.UpstreamStatus);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(result.LatencyMs >= 250, $"latency {result.LatencyMs}");
        _log!.AssertNoKey();
    }

    [Fact]
    public async Task ProbeAsync_BodyTricklingPastTheTimeout_FailsWithTheTimeout()
    {
        // The limit covers reading the body, not just the headers.
        _fake.Handler = async (ctx, _) =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync("{\"data\":["u8.ToArray(), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted);
        };

        var result = await Probe(o => o.Timeout = TimeSpan.FromMilliseconds(400)).ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.Timeout, "The probe timed out after 0.4 s.");
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_ThrowsOperationCanceled()
    {
        _fake.Handler = async (ctx, _) => await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Probe().ProbeAsync(_fake.BaseUrl.ToString(), Key, cancel.Token));
    }

    [Fact]
    public void Defaults_AreEightSecondsOneMebibyteThreeRedirects()
    {
        var defaults = new ModelProbeOptions();

        Assert.Equal(TimeSpan.FromSeconds(8), defaults.Timeout);
        Assert.Equal(1024 * 1024, defaults.MaxResponseBytes);
        Assert.Equal(3, defaults.MaxRedirects);
        Assert.Empty(defaults.AllowList);
        Assert.Equal("Switchboard:Probe", ModelProbeOptions.SectionName);
        Assert.Equal("The probe timed out after 8 s.", ProbeMessages.TimedOut(defaults.Timeout));
        Assert.Equal("The answer exceeded 1 MiB.", ProbeMessages.TooLarge(defaults.MaxResponseBytes));
    }

    [Theory]
    [InlineData(401, true, ModelProbeFailure.Authentication, "Authentication failed (HTTP 401): check the API key.")]
    [InlineData(401, false, ModelProbeFailure.Authentication, "Authentication failed (HTTP 401): the server needs an API key.")]
    [InlineData(403, true, ModelProbeFailure.Authentication, "Access denied (HTTP 403): check the API key and its permissions.")]
    [InlineData(404, true, ModelProbeFailure.HttpStatus, "Nothing found at /v1/models (HTTP 404): check the base URL.")]
    [InlineData(429, true, ModelProbeFailure.HttpStatus, "The server is rate limiting (HTTP 429); try again later.")]
    [InlineData(500, true, ModelProbeFailure.HttpStatus, "The server failed (HTTP 500).")]
    [InlineData(418, true, ModelProbeFailure.HttpStatus, "The server answered HTTP 418.")]
    public async Task ProbeAsync_ErrorStatus_FailsCleanlyWithoutEchoingTheBody(int status, bool withKey, ModelProbeFailure failure, string expected)
    {
        // Real vendors quote the key back in their error body; none of it may reach the message.
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, status, $$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}}"}}""");

        var result = await Probe().ProbeAsync(_fake.BaseUrl.ToString(), withKey ? Key : null, default);

        AssertFailed(result, failure, expected);
        Assert.Equal(expected, result.Error);
        Assert.Equal(status, result.UpstreamStatus);
        _log!.AssertNoKey();
    }

    [Theory]
    [InlineData("text/plain", "hello, world", "The answer is not valid JSON.")]
    [InlineData("application/json", "", "The answer is not valid JSON.")]
    [InlineData("application/json", "{\"data\":[", "The answer is not valid JSON.")]
    [InlineData("text/html; charset=utf-8", "<html><body>Welcome</body></html>", "The answer is an HTML page, not JSON: check the base URL.")]
    [InlineData("application/json", """{"object":"error","message":"nope"}""", "The answer is JSON but not a model list")]
    [InlineData("application/json", """[1,2,3]""", "The answer is JSON but not a model list")]
    [InlineData("application/json", "\"sk-test-SECRET-4f9a2c\"", "The answer is JSON but not a model list")]
    public async Task ProbeAsync_AnswerThatIsNotAModelList_FailsCleanly(string contentType, string body, string expected)
    {
        _fake.Handler = async (ctx, _) =>
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = contentType;
            await ctx.Response.WriteAsync(body);
        };

        var result = await Probe().ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.InvalidResponse, expected);
        Assert.Equal(200, result.UpstreamStatus);
    }

    [Fact]
    public async Task ProbeAsync_ConnectionReset_FailsCleanly()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Reset(ctx);

        var result = await Probe().ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        Assert.False(result.Succeeded);
        Assert.Equal(ModelProbeFailure.Connection, result.Failure);
        Assert.DoesNotContain(Key, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_FailsWithConnectionRefused()
    {
        var port = _fake.BaseUrl.Port;
        await _fake.DisposeAsync();
        _fake = await FakeUpstream.StartAsync();

        var result = await Probe(o => o.AllowList.Add($"127.0.0.1:{port}")).ProbeAsync($"http://127.0.0.1:{port}/v1", Key, default);

        AssertFailed(result, ModelProbeFailure.Connection, $"Could not connect to 127.0.0.1:{port}");
    }

    [Theory]
    [InlineData("sk-abc\r\nX-Injected: 1")]
    [InlineData("sk-abc\nX-Injected: 1")]
    [InlineData("sk-abc\0def")]
    [InlineData("sk-ab c")]
    [InlineData("sk-é")]
    public async Task ProbeAsync_KeyWithCharactersUnfitForAHeader_IsRefused(string key)
    {
        var result = await Probe().ProbeAsync(_fake.BaseUrl.ToString(), key, default);

        AssertFailed(result, ModelProbeFailure.InvalidInput, "The API key contains characters that cannot be sent in an HTTP header.");
        Assert.DoesNotContain(key.Trim(), result.Error, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ProbeAsync_KeyTypedIntoTheUrlPath_IsScrubbedFromTheMessage()
    {
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 404, "{}");

        var result = await Probe().ProbeAsync($"{_fake.BaseUrl}{Key}/v1", Key, default);

        AssertFailed(result, ModelProbeFailure.HttpStatus, "Nothing found at /***/v1/models (HTTP 404)");
        _log!.AssertNoKey();
    }

    /// <summary>A one-model list padded with whitespace to exactly <paramref name="size"/> UTF-8 bytes.</summary>
    private static string ModelListOfSize(int size)
    {
        const string core = """{"data":[{"id":"padded"}]}""";
        return core[..^1] + new string(' ', size - core.Length) + "}";
    }

    private ModelProbe Probe(Action<ModelProbeOptions>? configure = null)
    {
        var port = _fake.BaseUrl.Port;
        (_probe, _log) = Create(o =>
        {
            o.AllowList.Add($"127.0.0.1:{port}");
            configure?.Invoke(o);
        });
        return _probe;
    }
}
