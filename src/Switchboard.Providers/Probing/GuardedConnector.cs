using System.Net;
using System.Net.Sockets;

namespace Switchboard.Providers.Probing;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the probe: resolves the host once, refuses the connection
/// when any answer is blocked, and connects the socket to an address it checked, so DNS cannot change the answer
/// between the check and the connection.
/// </summary>
internal sealed class GuardedConnector(NetworkGuard guard, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var (addresses, literal) = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);

        // A host-name allowlist entry trusts the name's answers; an address entry is checked per address below.
        if (literal || !guard.IsAllowListed(host, port))
        {
            foreach (var address in addresses)
            {
                var kind = NetworkGuard.Classify(address);
                if (kind != BlockedAddressKind.None && !guard.IsAllowListed(address, port))
                {
                    throw new ProbeRefusedException(ModelProbeFailure.Blocked, literal
                        ? ProbeMessages.AddressNotAllowed(address, kind)
                        : ProbeMessages.ResolvesToBlocked(NetworkGuard.NormalizeHost(host), address, kind));
                }
            }
        }

        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var target = NetworkGuard.Normalize(address);
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new ProbeRefusedException(ModelProbeFailure.Connection, ProbeMessages.ConnectFailed(host, port, lastFailure?.SocketErrorCode));
    }

    private async ValueTask<(IPAddress[] Addresses, bool Literal)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        // The handler passes IPv6 literals bracketed and with the zone still escaped: "[fe80::1%25eth0]".
        var bare = host.StartsWith('[') ? host.Trim('[', ']') : host.TrimEnd('.');
        if (IPAddress.TryParse(bare.Replace("%25", "%", StringComparison.Ordinal), out var literal))
        {
            return ([literal], true);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolve(bare, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            throw new ProbeRefusedException(ModelProbeFailure.Connection, ProbeMessages.NotResolved(NetworkGuard.NormalizeHost(bare)));
        }

        return (addresses, false);
    }
}
