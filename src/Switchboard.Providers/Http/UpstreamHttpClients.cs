using System.Collections.Concurrent;
using System.Net;

namespace Switchboard.Providers.Http;

/// <summary>Keeps one long-lived <see cref="HttpClient"/> over its own <see cref="SocketsHttpHandler"/> per upstream origin.</summary>
/// <remarks>
/// Timeouts are not the client's job: <see cref="HttpClient.Timeout"/> is infinite and each call enforces its
/// own time to first byte and idle gap. Thread-safe singleton; disposes its clients with itself.
/// </remarks>
public sealed class UpstreamHttpClients : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<SocketsHttpHandler> _handlerFactory;

    /// <summary>Creates the pool with the default handler settings.</summary>
    public UpstreamHttpClients()
        : this(CreateDefaultHandler)
    {
    }

    /// <summary>Creates the pool with a custom handler factory (tests, SSRF-guarded probes).</summary>
    public UpstreamHttpClients(Func<SocketsHttpHandler> handlerFactory) => _handlerFactory = handlerFactory;

    /// <summary>Gets the client for the origin of <paramref name="url"/>.</summary>
    public HttpClient For(Uri url)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        if (_clients.TryGetValue(origin, out var client))
        {
            return client;
        }

        return _clients.GetOrAdd(origin, _ => new HttpClient(_handlerFactory(), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        });
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
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
