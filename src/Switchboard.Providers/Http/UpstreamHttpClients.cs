using System.Collections.Concurrent;
using System.Net;
using Switchboard.Abstractions.Providers;
using Switchboard.Providers.Probing;

namespace Switchboard.Providers.Http;

/// <summary>Keeps one long-lived <see cref="HttpClient"/> over its own <see cref="SocketsHttpHandler"/> per upstream origin.</summary>
/// <remarks>
/// Timeouts are not the client's job: <see cref="HttpClient.Timeout"/> is infinite and each call enforces its
/// own time to first byte and idle gap. Endpoints a user chose (<see cref="UpstreamEndpoint.Guarded"/>) get clients
/// of their own whose every connection passes the SSRF guard, so a private platform cannot reach the gateway's
/// network. Thread-safe singleton; disposes its clients with itself.
/// </remarks>
public sealed class UpstreamHttpClients : IDisposable
{
    // Keyed by the origin's parts rather than its text: a kept Uri (EndpointUrls) computes them once, so looking a
    // client up allocates nothing. A scheme is lower case in a Uri; a host, in its IDN (ASCII) form, is compared ignoring case.
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), HttpClient> _clients = new(OriginComparer.Instance);
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), HttpClient> _guardedClients = new(OriginComparer.Instance);
    private readonly Func<SocketsHttpHandler> _handlerFactory;
    private readonly GuardedConnector _connector;

    /// <summary>Creates the pool with the default handler settings and the strict guard (no allowlist).</summary>
    public UpstreamHttpClients()
        : this(NetworkGuard.Strict)
    {
    }

    /// <summary>Creates the pool with the default handler settings; guarded endpoints use <paramref name="guard"/>.</summary>
    public UpstreamHttpClients(NetworkGuard guard)
        : this(CreateDefaultHandler, guard, resolve: null)
    {
    }

    /// <summary>Creates the pool with a custom handler factory (tests).</summary>
    public UpstreamHttpClients(Func<SocketsHttpHandler> handlerFactory)
        : this(handlerFactory, NetworkGuard.Strict, resolve: null)
    {
    }

    /// <summary>Creates the pool with a replaceable resolver, so tests can serve any DNS answer.</summary>
    internal UpstreamHttpClients(Func<SocketsHttpHandler> handlerFactory, NetworkGuard guard, Func<string, CancellationToken, Task<IPAddress[]>>? resolve)
    {
        ArgumentNullException.ThrowIfNull(guard);
        _handlerFactory = handlerFactory;
        _connector = new GuardedConnector(guard, resolve ?? Dns.GetHostAddressesAsync);
    }

    /// <summary>Gets the client for calls to <paramref name="url"/> on <paramref name="endpoint"/>.</summary>
    public HttpClient For(UpstreamEndpoint endpoint, Uri url)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(url);
        var origin = (url.Scheme, url.IdnHost, url.Port);
        var clients = endpoint.Guarded ? _guardedClients : _clients;
        if (clients.TryGetValue(origin, out var client))
        {
            return client;
        }

        return clients.GetOrAdd(origin, _ => new HttpClient(endpoint.Guarded ? CreateGuardedHandler() : _handlerFactory(), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        });
    }

    private SocketsHttpHandler CreateGuardedHandler()
    {
        var handler = _handlerFactory();

        // The guard resolves the name itself and connects only to an address it checked; a proxy would connect
        // somewhere it never saw, and short-lived connections make a changed DNS answer get checked again soon.
        handler.ConnectCallback = _connector.ConnectAsync;
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(1);
        return handler;
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Recycle connections so DNS changes are picked up; idle ones close before upstream LBs drop them.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MaxConnectionsPerServer = int.MaxValue,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        EnableMultipleHttp2Connections = true,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values.Concat(_guardedClients.Values))
        {
            client.Dispose();
        }

        _clients.Clear();
        _guardedClients.Clear();
    }

    /// <summary>Compares origins with the host ignoring case, as DNS does.</summary>
    private sealed class OriginComparer : IEqualityComparer<(string Scheme, string Host, int Port)>
    {
        public static readonly OriginComparer Instance = new();

        public bool Equals((string Scheme, string Host, int Port) x, (string Scheme, string Host, int Port) y) =>
            x.Port == y.Port && string.Equals(x.Scheme, y.Scheme, StringComparison.Ordinal) && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Scheme, string Host, int Port) obj) =>
            HashCode.Combine(obj.Scheme, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Host), obj.Port);
    }
}
