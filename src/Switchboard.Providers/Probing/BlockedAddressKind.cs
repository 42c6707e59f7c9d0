namespace Switchboard.Providers.Probing;

/// <summary>Says why <see cref="NetworkGuard"/> refuses an address, or <see cref="None"/> when it is an ordinary public address.</summary>
public enum BlockedAddressKind
{
    /// <summary>A public address: not blocked.</summary>
    None,

    /// <summary>The unspecified address or "this network": 0.0.0.0/8 and ::.</summary>
    Unspecified,

    /// <summary>Loopback: 127.0.0.0/8 and ::1.</summary>
    Loopback,

    /// <summary>Private networks: 10/8, 172.16/12, 192.168/16, IPv6 unique-local fc00::/7 and site-local fec0::/10.</summary>
    Private,

    /// <summary>Carrier-grade NAT shared address space: 100.64.0.0/10.</summary>
    SharedAddressSpace,

    /// <summary>Link-local: 169.254.0.0/16 and fe80::/10.</summary>
    LinkLocal,

    /// <summary>A cloud instance-metadata endpoint, e.g. 169.254.169.254 or fd00:ec2::254.</summary>
    CloudMetadata,

    /// <summary>IETF protocol assignments: 192.0.0.0/24.</summary>
    SpecialPurpose,

    /// <summary>Documentation ranges: 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20.</summary>
    Documentation,

    /// <summary>Benchmarking ranges: 198.18.0.0/15 and 2001:2::/48.</summary>
    Benchmarking,

    /// <summary>Multicast: 224.0.0.0/4 and ff00::/8.</summary>
    Multicast,

    /// <summary>Reserved ranges: 240.0.0.0/4, the IPv6 discard prefix 100::/64 and local-use NAT64 64:ff9b:1::/48.</summary>
    Reserved,

    /// <summary>The limited broadcast address 255.255.255.255.</summary>
    Broadcast,
}
