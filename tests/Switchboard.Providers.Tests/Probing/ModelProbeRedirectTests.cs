using System.Net;
using System.Net.Sockets;
using Switchboard.Providers.Probing;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Probing.ProbeHarness;

namespace Switchboard.Providers.Tests.Probing;

/// <summary>Redirects are followed by hand, at most the configured number of times, and each hop is checked again.</summary>
public sealed class ModelProbeRedirectTests : IAsyncLifetime
{
    private const string ModelList = """{"data":[{"id":"m-1"},{"id":"m-2"}]}""";
    private FakeUpstream _first = null!;
    private FakeUpstream _second = null!;

    public async Task InitializeAsync()
    {
        _first = await FakeUpstream.StartAsync();
        _second = await FakeUpstream.StartAsync();
        _second.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, ModelList);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "the address 169.254.169.254 is not allowed (cloud metadata).")]
    [InlineData("http://localhost:{SECOND}/v1/models", "the host localhost is not allowed (loopback).")]
    [InlineData("http://127.0.0.1:{SECOND}/v1/models", "the address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://2130706433:{SECOND}/v1/models", "the address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://[::ffff:7f00:1]:{SECOND}/v1/models", "the address ::ffff:127.0.0.1 is not allowed (loopback, embedded IPv4 127.0.0.1).")]
    [InlineData("//127.0.0.1:{SECOND}/v1/models", "the address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data", "the address fd00:ec2::254 is not allowed (cloud metadata).")]
    [InlineData("http://rebind.test:{SECOND}/v1/models", "the host rebind.test resolves to 127.0.0.1, which is not allowed (loopback).")]
    public async Task ProbeAsync_RedirectToBlockedAddress_IsRefusedAndNeverReachesIt(string location, string expected)
    {
        _first.Handler = (ctx, _) => Redirect(ctx, 302, location.Replace("{SECOND}", Port(_second), StringComparison.Ordinal));
        var (probe, log) = Create(o => o.AllowList.Add($"127.0.0.1:{Port(_first)}"), RebindResolver);
        using var _ = probe;

        var result = await probe.ProbeAsync(_first.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, "Redirect to a blocked address refused: " + expected);
        Assert.Single(_first.Requests);
        Assert.Empty(_second.Requests);
        log.AssertNoKey();
    }

    [Theory]
    [InlineData("file:///etc/passwd", "Redirect to a file:// URL refused")]
    [InlineData("ftp://example.com/models", "Redirect to a ftp:// URL refused")]
    [InlineData("http://user:pw@127.0.0.1:{SECOND}/v1/models", "Redirect to a URL with a user name or password refused.")]
    public async Task ProbeAsync_RedirectToUnusableUrl_IsRefused(string location, string expected)
    {
        _first.Handler = (ctx, _) => Redirect(ctx, 307, location.Replace("{SECOND}", Port(_second), StringComparison.Ordinal));
        var (probe, _) = Create(o =>
        {
            o.AllowList.Add($"127.0.0.1:{Port(_first)}");
            o.AllowList.Add($"127.0.0.1:{Port(_second)}");
        });
        using var __ = probe;

        var result = await probe.ProbeAsync(_first.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, expected);
        Assert.Equal(307, result.UpstreamStatus);
        Assert.Empty(_second.Requests);
    }

    [Fact]
    public async Task ProbeAsync_SameOriginRedirect_IsFollowedWithTheKey()
    {
        _first.Handler = (ctx, recorded) => recorded.Path == "/v1/models"
            ? Redirect(ctx, 308, "/api/v1/models")
            : FakeUpstream.Json(ctx, 200, ModelList);
        var (probe, log) = Create(o => o.AllowList.Add($"127.0.0.1:{Port(_first)}"));
        using var _ = probe;

        var result = await probe.ProbeAsync(_first.BaseUrl.ToString(), Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["m-1", "m-2"], result.ModelIds);
        Assert.Equal(["/v1/models", "/api/v1/models"], _first.Requests.Select(r => r.Path));
        Assert.All(_first.Requests, r => Assert.Equal($"Bearer {Key}", r.Header("Authorization")));
        log.AssertNoKey();
    }

    [Fact]
    public async Task ProbeAsync_RedirectToAnotherAllowListedOrigin_IsFollowedWithoutTheKey()
    {
        _first.Handler = (ctx, _) => Redirect(ctx, 302, $"http://127.0.0.1:{Port(_second)}/v1/models");
        var (probe, _) = Create(o =>
        {
            o.AllowList.Add($"127.0.0.1:{Port(_first)}");
            o.AllowList.Add($"127.0.0.1:{Port(_second)}");
        });
        using var __ = probe;

        var result = await probe.ProbeAsync(_first.BaseUrl.ToString(), Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["m-1", "m-2"], result.ModelIds);
        Assert.Equal($"Bearer {Key}", _first.LastRequest.Header("Authorization"));
        Assert.Null(Assert.Single(_second.Requests).Header("Authorization"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 4)]
    public async Task ProbeAsync_EndlessRedirects_StopAfterTheLimit(int maxRedirects, int expectedRequests)
    {
        _first.Handler = (ctx, recorded) => Redirect(ctx, 302, recorded.Path + "x");
        var (probe, _) = Create(o =>
        {
            o.AllowList.Add($"127.0.0.1:{Port(_first)}");
            o.MaxRedirects = maxRedirects;
        });
        using var __ = probe;

        var result = await probe.ProbeAsync(_first.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.Redirect, $"Too many redirects (more than {maxRedirects}).");
        Assert.Equal(302, result.UpstreamStatus);
        Assert.Equal(expectedRequests, _first.Requests.Count);
    }

    [Fact]
    public async Task ProbeAsync_RedirectWithoutLocation_FailsCleanly()
    {
        _first.Handler = (ctx, _) =>
        {
            ctx.Response.StatusCode = 302;
            return Task.CompletedTask;
        };
        var (probe, _) = Create(o => o.AllowList.Add($"127.0.0.1:{Port(_first)}"));
        using var __ = probe;

        var result = await probe.ProbeAsync(_first.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.Redirect, "The server answered HTTP 302 without a usable Location.");
    }

    private static string Port(FakeUpstream fake) => fake.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task Redirect(Microsoft.AspNetCore.Http.HttpContext ctx, int status, string location)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static Task<IPAddress[]> RebindResolver(string host, CancellationToken cancellationToken) =>
        host == "rebind.test"
            ? Task.FromResult(new[] { IPAddress.Loopback })
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
