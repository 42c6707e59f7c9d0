using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Switchboard.Providers.Probing;
using Switchboard.Testing;
using static Switchboard.Providers.Tests.Probing.ProbeHarness;

namespace Switchboard.Providers.Tests.Probing;

/// <summary>The SSRF guard: every spelling of a blocked address is refused before a connection, and only the allowlist lifts it.</summary>
public sealed class ModelProbeAddressTests : IAsyncLifetime
{
    private const string ModelList = """{"object":"list","data":[{"id":"gpt-a","object":"model"},{"id":"gpt-b","object":"model"}]}""";
    private FakeUpstream _fake = null!;

    private int Port => _fake.BaseUrl.Port;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _fake.Handler = (ctx, _) => FakeUpstream.Json(ctx, 200, ModelList);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Theory]
    // Every way of writing 127.0.0.1 that System.Uri or the resolver would turn into it.
    [InlineData("http://127.0.0.1:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://2130706433:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://0x7f000001:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://0177.0.0.1:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://017700000001:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://127.1:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://0x7f.1:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://127.0.0.1.:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://127。0。0。1:{PORT}/", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("HTTP://127.0.0.1:{PORT}/v1", "The address 127.0.0.1 is not allowed (loopback).")]
    [InlineData("http://0:{PORT}/", "The address 0.0.0.0 is not allowed (unspecified).")]
    [InlineData("http://[::1]:{PORT}/", "The address ::1 is not allowed (loopback).")]
    [InlineData("http://[0:0:0:0:0:0:0:1]:{PORT}/", "The address ::1 is not allowed (loopback).")]
    [InlineData("http://[::]:{PORT}/", "The address :: is not allowed (unspecified).")]
    [InlineData("http://[::ffff:127.0.0.1]:{PORT}/", "(loopback, embedded IPv4 127.0.0.1)")]
    [InlineData("http://[::ffff:7f00:1]:{PORT}/", "(loopback, embedded IPv4 127.0.0.1)")]
    [InlineData("http://[0:0:0:0:0:ffff:127.0.0.1]:{PORT}/", "(loopback, embedded IPv4 127.0.0.1)")]
    [InlineData("http://[::127.0.0.1]:{PORT}/", "(loopback, embedded IPv4 127.0.0.1)")]
    [InlineData("http://[64:ff9b::7f00:1]:{PORT}/", "(loopback, embedded IPv4 127.0.0.1)")]
    [InlineData("http://[2002:7f00:1::]:{PORT}/", "(loopback, embedded IPv4 127.0.0.1)")]
    [InlineData("http://localhost:{PORT}/", "The host localhost is not allowed (loopback).")]
    [InlineData("http://LocalHost.:{PORT}/", "The host localhost is not allowed (loopback).")]
    [InlineData("http://api.localhost:{PORT}/", "The host api.localhost is not allowed (loopback).")]
    // Metadata, private and link-local targets (nothing listens there; the refusal must come first).
    [InlineData("http://169.254.169.254/latest/meta-data", "The address 169.254.169.254 is not allowed (cloud metadata).")]
    [InlineData("http://[fd00:ec2::254]/", "The address fd00:ec2::254 is not allowed (cloud metadata).")]
    [InlineData("http://[::ffff:a9fe:a9fe]/", "(cloud metadata, embedded IPv4 169.254.169.254)")]
    [InlineData("http://10.0.0.1/", "The address 10.0.0.1 is not allowed (private).")]
    [InlineData("http://192.168.1.1/", "The address 192.168.1.1 is not allowed (private).")]
    [InlineData("http://172.16.0.1:8080/", "The address 172.16.0.1 is not allowed (private).")]
    [InlineData("http://100.64.0.1/", "The address 100.64.0.1 is not allowed (shared address space).")]
    [InlineData("https://[fe80::1%25eth0]/", "The address fe80::1 is not allowed (link-local).")]
    [InlineData("https://[fc00::1]/", "The address fc00::1 is not allowed (private).")]
    public async Task ProbeAsync_BlockedSpelling_IsRefusedWithoutARequest(string template, string expected)
    {
        var (probe, log) = Create();
        using var _ = probe;

        var result = await probe.ProbeAsync(template.Replace("{PORT}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, expected);
        Assert.Null(result.UpstreamStatus);
        Assert.Empty(_fake.Requests);
        log.AssertNoKey();
    }

    [Theory]
    [InlineData("http://①②⑦.0.0.1:{PORT}/")]
    [InlineData("http://１２７.０.０.１:{PORT}/")]
    [InlineData("http://ＬＯＣＡＬＨＯＳＴ:{PORT}/")]
    public async Task ProbeAsync_CompatibilityCharacterSpelling_IsCheckedOnTheResolvedAddress(string template)
    {
        // With InvariantGlobalization, Uri does not fold these to ASCII (no NFKC without ICU); it turns them into punycode
        // names. A hostile resolver could answer 127.0.0.1 for such a name, so the connect check must catch it there.
        var url = template.Replace("{PORT}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var (hostile, _) = Create(resolve: (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));
        var (real, _) = Create();
        using var _1 = hostile;
        using var _2 = real;

        var viaHostileDns = await hostile.ProbeAsync(url, Key, default);
        var viaRealDns = await real.ProbeAsync(url, Key, default);

        AssertFailed(viaHostileDns, ModelProbeFailure.Blocked, "is not allowed (loopback)");
        Assert.False(viaRealDns.Succeeded);
        Assert.Contains(viaRealDns.Failure, new[] { ModelProbeFailure.Blocked, ModelProbeFailure.Connection });
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ProbeAsync_LoopbackSpellings_OpenNoTcpConnection()
    {
        // A raw listener counts connections, which is stricter than counting HTTP requests.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref accepted);
            }
        });
        var (probe, _) = Create();
        using var __ = probe;
        string[] spellings =
        [
            $"http://127.0.0.1:{port}/", $"http://2130706433:{port}/", $"http://0x7f000001:{port}/", $"http://0177.0.0.1:{port}/",
            $"http://127.1:{port}/", $"http://127.0.0.1.:{port}/", $"http://[::ffff:127.0.0.1]:{port}/", $"http://[::ffff:7f00:1]:{port}/",
            $"http://localhost:{port}/", $"http://0:{port}/", $"http://{Dns.GetHostName()}:{port}/",
        ];

        foreach (var url in spellings)
        {
            var result = await probe.ProbeAsync(url, Key, default);
            Assert.False(result.Succeeded, url);
            Assert.Equal(ModelProbeFailure.Blocked, result.Failure);
        }

        await Task.Delay(100);
        Assert.Equal(0, Volatile.Read(ref accepted));
        Assert.False(listener.Pending());
        await stop.CancelAsync();
        listener.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => acceptLoop);
    }

    [Fact]
    public async Task ProbeAsync_MachineHostNameResolvingToLoopback_IsRefusedByTheConnectCheck()
    {
        // Real DNS, no internet: the machine's own name comes from /etc/hosts (127.0.0.1 on most Linux hosts and containers).
        var host = Dns.GetHostName();
        var addresses = await Dns.GetHostAddressesAsync(host);
        if (addresses.Length == 0 || !addresses.Any(NetworkGuard.IsBlocked))
        {
            return; // Nothing to prove on a machine whose name resolves only to public addresses.
        }

        var (probe, log) = Create();
        using var _ = probe;

        var result = await probe.ProbeAsync($"http://{host}:{Port}/v1", Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, $"The host {host.ToLowerInvariant()} resolves to ");
        Assert.Contains("which is not allowed", result.Error, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
        log.AssertNoKey();
    }

    [Fact]
    public async Task ProbeAsync_NameResolvingToLoopback_IsRefusedWithoutARequest()
    {
        var (probe, _) = Create(resolve: Resolver(("rebind.test", ["127.0.0.1"])));
        using var __ = probe;

        var result = await probe.ProbeAsync($"http://rebind.test:{Port}/v1", Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, "The host rebind.test resolves to 127.0.0.1, which is not allowed (loopback).");
        Assert.Empty(_fake.Requests);
    }

    [Theory]
    [InlineData("8.8.8.8", "127.0.0.1")]
    [InlineData("127.0.0.1", "8.8.8.8")]
    [InlineData("2606:4700::1111", "::ffff:169.254.169.254")]
    [InlineData("1.1.1.1", "fd00:ec2::254")]
    public async Task ProbeAsync_AnyBlockedAnswerAmongPublicOnes_RefusesTheHost(string first, string second)
    {
        var (probe, _) = Create(resolve: Resolver(("mixed.test", [first, second])));
        using var __ = probe;

        var result = await probe.ProbeAsync($"http://mixed.test:{Port}/", Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, "The host mixed.test resolves to ");
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ProbeAsync_AllowListedName_ConnectsToTheCheckedAddressWithoutResolvingAgain()
    {
        // "models.internal" exists in no DNS: reaching the fake at all proves the socket went to the address the guard saw.
        var calls = new ConcurrentQueue<string>();
        var (probe, log) = Create(
            o => o.AllowList.Add($"models.internal:{Port}"),
            (host, _) =>
            {
                calls.Enqueue(host);
                return Task.FromResult(new[] { IPAddress.Loopback });
            });
        using var _ = probe;

        var result = await probe.ProbeAsync($"http://models.internal:{Port}/v1", Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["gpt-a", "gpt-b"], result.ModelIds);
        Assert.Equal(["models.internal"], calls);
        Assert.Equal($"models.internal:{Port}", _fake.LastRequest.Header("Host"));
        log.AssertNoKey();
    }

    [Fact]
    public async Task ProbeAsync_AllowListedNameOnAnotherPort_StaysBlocked()
    {
        var (probe, _) = Create(o => o.AllowList.Add($"models.internal:{Port + 1}"), Resolver(("models.internal", ["127.0.0.1"])));
        using var __ = probe;

        var result = await probe.ProbeAsync($"http://models.internal:{Port}/v1", Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, "resolves to 127.0.0.1, which is not allowed (loopback)");
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ProbeAsync_NameThatDoesNotResolve_FailsCleanly()
    {
        var (probe, _) = Create(resolve: (_, _) => Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)));
        using var __ = probe;

        var result = await probe.ProbeAsync("https://nowhere.invalid/v1", Key, default);

        AssertFailed(result, ModelProbeFailure.Connection, "The host name nowhere.invalid could not be resolved.");
    }

    [Theory]
    [InlineData("127.0.0.1:{PORT}")]
    [InlineData("127.0.0.1/32")]
    [InlineData("127.0.0.0/8")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task ProbeAsync_AllowListedAddress_ReturnsTheModelIdsAndSendsTheKey(string entry)
    {
        var (probe, log) = Create(o => o.AllowList.Add(entry.Replace("{PORT}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        using var _ = probe;

        var result = await probe.ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ModelProbeFailure.None, result.Failure);
        Assert.Null(result.Error);
        Assert.Equal(["gpt-a", "gpt-b"], result.ModelIds);
        Assert.Equal(200, result.UpstreamStatus);
        Assert.True(result.LatencyMs > 0);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/models", request.Path);
        Assert.Equal($"Bearer {Key}", request.Header("Authorization"));
        log.AssertNoKey();
    }

    [Fact]
    public async Task ProbeAsync_AllowListedAddressOnAnotherPort_StaysBlocked()
    {
        var (probe, _) = Create(o => o.AllowList.Add($"127.0.0.1:{Port + 1}"));
        using var __ = probe;

        var result = await probe.ProbeAsync(_fake.BaseUrl.ToString(), Key, default);

        AssertFailed(result, ModelProbeFailure.Blocked, "The address 127.0.0.1 is not allowed (loopback).");
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task ProbeAsync_AllowListedAddress_AlsoCoversOtherSpellingsOfIt()
    {
        var (probe, _) = Create(o => o.AllowList.Add($"127.0.0.1:{Port}"));
        using var __ = probe;

        var result = await probe.ProbeAsync($"http://0x7f000001:{Port}/v1", Key, default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("/v1/models", _fake.LastRequest.Path);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "Only http:// and https:// URLs can be probed, not file://.")]
    [InlineData("ftp://127.0.0.1/models", "Only http:// and https:// URLs can be probed, not ftp://.")]
    [InlineData("gopher://127.0.0.1:70/", "Only http:// and https:// URLs can be probed, not gopher://.")]
    [InlineData("ws://example.com/v1", "Only http:// and https:// URLs can be probed, not ws://.")]
    [InlineData("http://user:pass@example.com/v1", "URLs with a user name or password are not accepted")]
    [InlineData("http://sk-test-SECRET-4f9a2c@example.com/v1", "URLs with a user name or password are not accepted")]
    [InlineData("http://evil.com@127.0.0.1/", "URLs with a user name or password are not accepted")]
    [InlineData("api.openai.com/v1", "not a valid absolute URL")]
    [InlineData("not a url", "not a valid absolute URL")]
    [InlineData("", "The base URL is empty.")]
    [InlineData("   ", "The base URL is empty.")]
    public async Task ProbeAsync_UnusableUrl_IsRefusedAsInput(string url, string expected)
    {
        var (probe, log) = Create(o => o.AllowList.Add("127.0.0.0/8"));
        using var _ = probe;

        var result = await probe.ProbeAsync(url, Key, default);

        AssertFailed(result, ModelProbeFailure.InvalidInput, expected);
        Assert.Empty(_fake.Requests);
        log.AssertNoKey();
    }

    private static Func<string, CancellationToken, Task<IPAddress[]>> Resolver(params (string Host, string[] Addresses)[] answers) =>
        (host, _) =>
        {
            foreach (var (name, addresses) in answers)
            {
                if (string.Equals(name, host, StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult(addresses.Select(IPAddress.Parse).ToArray());
                }
            }

            return Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        };
}
