using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Switchboard.Providers.Probing;

/// <summary>
/// Decides whether a user-supplied URL may reach an address: loopback, private, link-local, metadata and other
/// special-purpose addresses are blocked, IPv4 embedded in IPv6 is judged by the embedded IPv4, and an operator
/// allowlist lifts the block.
/// </summary>
/// <remarks>
/// Allowlist entries are CIDR networks (<c>10.1.0.0/16</c>, <c>fd12::/48</c>), IP addresses with an optional port
/// (<c>127.0.0.1:11434</c>, <c>[::1]:8080</c>) or host names with an optional port (<c>ollama.internal:11434</c>).
/// A host-name entry trusts whatever that name resolves to; an address entry trusts the address whatever the name.
/// Immutable and thread-safe.
/// </remarks>
public sealed class NetworkGuard
{
    // Specific entries come before the ranges that contain them so the reason given is the most precise one.
    private static readonly (IPNetwork Network, BlockedAddressKind Kind)[] IPv4Ranges =
    [
        (IPNetwork.Parse("169.254.169.254/32"), BlockedAddressKind.CloudMetadata), // AWS, GCP, Azure, OCI IMDS
        (IPNetwork.Parse("169.254.170.2/32"), BlockedAddressKind.CloudMetadata), // AWS ECS task metadata
        (IPNetwork.Parse("100.100.100.200/32"), BlockedAddressKind.CloudMetadata), // Alibaba Cloud metadata
        (IPNetwork.Parse("168.63.129.16/32"), BlockedAddressKind.CloudMetadata), // Azure WireServer: public-looking, host-internal
        (IPNetwork.Parse("0.0.0.0/8"), BlockedAddressKind.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), BlockedAddressKind.Private),
        (IPNetwork.Parse("100.64.0.0/10"), BlockedAddressKind.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), BlockedAddressKind.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), BlockedAddressKind.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), BlockedAddressKind.Private),
        (IPNetwork.Parse("192.0.0.0/24"), BlockedAddressKind.SpecialPurpose),
        (IPNetwork.Parse("192.0.2.0/24"), BlockedAddressKind.Documentation),
        (IPNetwork.Parse("192.168.0.0/16"), BlockedAddressKind.Private),
        (IPNetwork.Parse("198.18.0.0/15"), BlockedAddressKind.Benchmarking),
        (IPNetwork.Parse("198.51.100.0/24"), BlockedAddressKind.Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), BlockedAddressKind.Documentation),
        (IPNetwork.Parse("224.0.0.0/4"), BlockedAddressKind.Multicast),
        (IPNetwork.Parse("255.255.255.255/32"), BlockedAddressKind.Broadcast),
        (IPNetwork.Parse("240.0.0.0/4"), BlockedAddressKind.Reserved),
    ];

    private static readonly (IPNetwork Network, BlockedAddressKind Kind)[] IPv6Ranges =
    [
        (IPNetwork.Parse("fd00:ec2::254/128"), BlockedAddressKind.CloudMetadata), // AWS IMDS over IPv6
        (IPNetwork.Parse("::/128"), BlockedAddressKind.Unspecified),
        (IPNetwork.Parse("::1/128"), BlockedAddressKind.Loopback),
        (IPNetwork.Parse("fe80::/10"), BlockedAddressKind.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), BlockedAddressKind.Private), // deprecated site-local, still routed inside some networks
        (IPNetwork.Parse("fc00::/7"), BlockedAddressKind.Private),
        (IPNetwork.Parse("ff00::/8"), BlockedAddressKind.Multicast),
        (IPNetwork.Parse("2001:db8::/32"), BlockedAddressKind.Documentation),
        (IPNetwork.Parse("3fff::/20"), BlockedAddressKind.Documentation),
        (IPNetwork.Parse("2001:2::/48"), BlockedAddressKind.Benchmarking),
        (IPNetwork.Parse("100::/64"), BlockedAddressKind.Reserved),
        (IPNetwork.Parse("64:ff9b:1::/48"), BlockedAddressKind.Reserved), // local-use NAT64: translates into private space
    ];

    private readonly IPNetwork[] _allowedNetworks;
    private readonly (IPAddress Address, int Port)[] _allowedEndpoints;
    private readonly (string Host, int? Port)[] _allowedHosts;

    /// <summary>Creates a guard that lifts the block for the given allowlist entries.</summary>
    /// <param name="allowList">CIDR networks, IP addresses or host names, each with an optional port (see remarks).</param>
    /// <exception cref="ArgumentException">An entry cannot be parsed.</exception>
    public NetworkGuard(IEnumerable<string>? allowList = null)
    {
        var networks = new List<IPNetwork>();
        var endpoints = new List<(IPAddress, int)>();
        var hosts = new List<(string, int?)>();
        foreach (var entry in allowList ?? [])
        {
            if (!TryParseAllowListEntry(entry, out var parsed, out var problem))
            {
                throw new ArgumentException(problem, nameof(allowList));
            }

            if (parsed.Host is { } host)
            {
                hosts.Add((host, parsed.Port));
            }
            else if (parsed.Port is { } port)
            {
                endpoints.Add((parsed.Network.BaseAddress, port));
            }
            else
            {
                networks.Add(parsed.Network);
            }
        }

        _allowedNetworks = [.. networks];
        _allowedEndpoints = [.. endpoints];
        _allowedHosts = [.. hosts];
    }

    /// <summary>Gets a guard without an allowlist.</summary>
    public static NetworkGuard Strict { get; } = new();

    /// <summary>Classifies an address; <see cref="BlockedAddressKind.None"/> means it is an ordinary public address.</summary>
    /// <remarks>IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 (64:ff9b::/96), 6to4 and Teredo addresses are judged by the IPv4 inside.</remarks>
    public static BlockedAddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Lookup(IPv4Ranges, address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            // Not an IP address a socket could be pinned to: refuse rather than guess.
            return BlockedAddressKind.Reserved;
        }

        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Loopback))
        {
            return Lookup(IPv6Ranges, address);
        }

        return TryGetEmbeddedIPv4(address, out var embedded)
            ? Lookup(IPv4Ranges, embedded)
            : Lookup(IPv6Ranges, address);
    }

    /// <summary>Gets whether an address is blocked before the allowlist is consulted.</summary>
    public static bool IsBlocked(IPAddress address) => Classify(address) != BlockedAddressKind.None;

    /// <summary>Describes a block reason in a few words, e.g. "loopback" or "cloud metadata".</summary>
    public static string Describe(BlockedAddressKind kind) => kind switch
    {
        BlockedAddressKind.None => "public",
        BlockedAddressKind.Unspecified => "unspecified",
        BlockedAddressKind.Loopback => "loopback",
        BlockedAddressKind.Private => "private",
        BlockedAddressKind.SharedAddressSpace => "shared address space",
        BlockedAddressKind.LinkLocal => "link-local",
        BlockedAddressKind.CloudMetadata => "cloud metadata",
        BlockedAddressKind.SpecialPurpose => "special-purpose",
        BlockedAddressKind.Documentation => "documentation",
        BlockedAddressKind.Benchmarking => "benchmarking",
        BlockedAddressKind.Multicast => "multicast",
        BlockedAddressKind.Reserved => "reserved",
        BlockedAddressKind.Broadcast => "broadcast",
        _ => "blocked",
    };

    /// <summary>Gets whether the allowlist lifts the block for a connection to <paramref name="address"/> on <paramref name="port"/>.</summary>
    public bool IsAllowListed(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = Normalize(address);
        foreach (var network in _allowedNetworks)
        {
            if (network.Contains(normalized))
            {
                return true;
            }
        }

        foreach (var (allowed, allowedPort) in _allowedEndpoints)
        {
            if (allowedPort == port && allowed.Equals(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets whether the allowlist trusts the host name <paramref name="host"/> on <paramref name="port"/>, whatever it resolves to.</summary>
    public bool IsAllowListed(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        var normalized = NormalizeHost(host);
        foreach (var (allowed, allowedPort) in _allowedHosts)
        {
            if ((allowedPort is null || allowedPort == port) && string.Equals(allowed, normalized, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets whether a connection to <paramref name="address"/> on <paramref name="port"/> may be made: public, or allowlisted.</summary>
    public bool IsAllowed(IPAddress address, int port) => !IsBlocked(address) || IsAllowListed(address, port);

    /// <summary>Explains why an address is blocked, naming the embedded IPv4 when that is what decided it.</summary>
    internal static string Explain(IPAddress address, BlockedAddressKind kind)
    {
        var reason = Describe(kind);
        return address.AddressFamily == AddressFamily.InterNetworkV6
            && !address.Equals(IPAddress.IPv6None) && !address.Equals(IPAddress.IPv6Loopback)
            && TryGetEmbeddedIPv4(address, out var embedded)
            ? string.Create(CultureInfo.InvariantCulture, $"{reason}, embedded IPv4 {embedded}")
            : reason;
    }

    /// <summary>Extracts the IPv4 address carried inside an IPv6 address, for every embedding a router would act on.</summary>
    internal static bool TryGetEmbeddedIPv4(IPAddress address, out IPAddress embedded)
    {
        embedded = IPAddress.None;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var last32 = bytes[12..];

        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) share ten leading zero bytes.
        if (bytes[..10].IndexOfAnyExcept((byte)0) < 0)
        {
            var marker = (bytes[10] << 8) | bytes[11];
            if (marker is 0xffff or 0)
            {
                embedded = new IPAddress(last32);
                return true;
            }
        }

        // ::ffff:0:a.b.c.d (IPv4-translated, RFC 2765) puts the marker one group earlier.
        if (bytes[..8].IndexOfAnyExcept((byte)0) < 0 && bytes[8] == 0xff && bytes[9] == 0xff && bytes[10] == 0 && bytes[11] == 0)
        {
            embedded = new IPAddress(last32);
            return true;
        }

        // NAT64 well-known prefix 64:ff9b::/96.
        if (bytes[..12].SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            embedded = new IPAddress(last32);
            return true;
        }

        // 6to4 2002:AABB:CCDD::/48 carries AA.BB.CC.DD right after the prefix.
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            embedded = new IPAddress(bytes[2..6]);
            return true;
        }

        // Teredo 2001:0::/32 carries the client's IPv4 with every bit inverted in the last 32 bits.
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0)
        {
            Span<byte> client = stackalloc byte[4];
            for (var i = 0; i < 4; i++)
            {
                client[i] = (byte)~last32[i];
            }

            embedded = new IPAddress(client);
            return true;
        }

        return false;
    }

    /// <summary>Parses one allowlist entry; on failure says what is wrong with it.</summary>
    internal static bool TryParseAllowListEntry(string? entry, out AllowListEntry parsed, out string problem)
    {
        parsed = default;
        problem = "";
        var text = entry?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "An allowlist entry is empty.";
            return false;
        }

        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (!IPNetwork.TryParse(text, out var network))
            {
                problem = $"The allowlist entry '{text}' is not a valid CIDR network.";
                return false;
            }

            parsed = new AllowListEntry(network, null, null);
            return true;
        }

        if (!TrySplitHostPort(text, out var host, out var port))
        {
            problem = $"The allowlist entry '{text}' is not a host, host:port, IP address or CIDR network.";
            return false;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            address = Normalize(address);
            var single = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            parsed = new AllowListEntry(single, null, port);
            return true;
        }

        var name = NormalizeHost(host);
        if (Uri.CheckHostName(name) != UriHostNameType.Dns)
        {
            problem = $"The allowlist entry '{text}' is not a valid host name.";
            return false;
        }

        parsed = new AllowListEntry(default, name, port);
        return true;
    }

    /// <summary>Lower-cases a host name and drops the trailing dot of a fully qualified name, so spellings compare equal.</summary>
    internal static string NormalizeHost(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>Turns an IPv4-mapped IPv6 address into the IPv4 address a socket would actually reach.</summary>
    internal static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool TrySplitHostPort(string text, out string host, out int? port)
    {
        host = text;
        port = null;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                portText = rest[1..];
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                return false;
            }

            port = value;
        }

        return host.Length > 0;
    }

    private static BlockedAddressKind Lookup((IPNetwork Network, BlockedAddressKind Kind)[] table, IPAddress address)
    {
        foreach (var (network, kind) in table)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }

        return BlockedAddressKind.None;
    }

    /// <summary>One parsed allowlist entry: a network, an address with a port, or a host name with an optional port.</summary>
    internal readonly record struct AllowListEntry(IPNetwork Network, string? Host, int? Port);
}
