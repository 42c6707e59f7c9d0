using System.Net;
using Switchboard.Providers.Probing;

namespace Switchboard.Providers.Tests.Probing;

public sealed class NetworkGuardTests
{
    [Theory]
    // IPv4 ranges, with both edges where an off-by-one would matter.
    [InlineData("0.0.0.0", BlockedAddressKind.Unspecified)]
    [InlineData("0.255.255.255", BlockedAddressKind.Unspecified)]
    [InlineData("10.0.0.1", BlockedAddressKind.Private)]
    [InlineData("10.255.255.255", BlockedAddressKind.Private)]
    [InlineData("100.64.0.0", BlockedAddressKind.SharedAddressSpace)]
    [InlineData("100.127.255.255", BlockedAddressKind.SharedAddressSpace)]
    [InlineData("127.0.0.1", BlockedAddressKind.Loopback)]
    [InlineData("127.255.255.254", BlockedAddressKind.Loopback)]
    [InlineData("169.254.0.1", BlockedAddressKind.LinkLocal)]
    [InlineData("169.254.169.254", BlockedAddressKind.CloudMetadata)]
    [InlineData("169.254.170.2", BlockedAddressKind.CloudMetadata)]
    [InlineData("100.100.100.200", BlockedAddressKind.CloudMetadata)]
    [InlineData("168.63.129.16", BlockedAddressKind.CloudMetadata)]
    [InlineData("172.16.0.0", BlockedAddressKind.Private)]
    [InlineData("172.31.255.255", BlockedAddressKind.Private)]
    [InlineData("192.0.0.8", BlockedAddressKind.SpecialPurpose)]
    [InlineData("192.0.2.1", BlockedAddressKind.Documentation)]
    [InlineData("192.168.1.1", BlockedAddressKind.Private)]
    [InlineData("198.18.0.1", BlockedAddressKind.Benchmarking)]
    [InlineData("198.19.255.255", BlockedAddressKind.Benchmarking)]
    [InlineData("198.51.100.7", BlockedAddressKind.Documentation)]
    [InlineData("203.0.113.9", BlockedAddressKind.Documentation)]
    [InlineData("224.0.0.1", BlockedAddressKind.Multicast)]
    [InlineData("239.255.255.255", BlockedAddressKind.Multicast)]
    [InlineData("240.0.0.1", BlockedAddressKind.Reserved)]
    [InlineData("255.255.255.254", BlockedAddressKind.Reserved)]
    [InlineData("255.255.255.255", BlockedAddressKind.Broadcast)]
    // IPv6 ranges.
    [InlineData("::", BlockedAddressKind.Unspecified)]
    [InlineData("::1", BlockedAddressKind.Loopback)]
    [InlineData("fe80::1", BlockedAddressKind.LinkLocal)]
    [InlineData("febf:ffff::1", BlockedAddressKind.LinkLocal)]
    [InlineData("fec0::1", BlockedAddressKind.Private)]
    [InlineData("fc00::1", BlockedAddressKind.Private)]
    [InlineData("fd12:3456:789a::1", BlockedAddressKind.Private)]
    [InlineData("fd00:ec2::254", BlockedAddressKind.CloudMetadata)]
    [InlineData("ff02::1", BlockedAddressKind.Multicast)]
    [InlineData("ff0e::1234", BlockedAddressKind.Multicast)]
    [InlineData("2001:db8::1", BlockedAddressKind.Documentation)]
    [InlineData("2001:db8:ffff:ffff::1", BlockedAddressKind.Documentation)]
    [InlineData("3fff::1", BlockedAddressKind.Documentation)]
    [InlineData("2001:2::1", BlockedAddressKind.Benchmarking)]
    [InlineData("100::1", BlockedAddressKind.Reserved)]
    [InlineData("64:ff9b:1::a00:1", BlockedAddressKind.Reserved)]
    // IPv4 embedded in IPv6, judged by the IPv4 inside.
    [InlineData("::ffff:127.0.0.1", BlockedAddressKind.Loopback)]
    [InlineData("::ffff:7f00:1", BlockedAddressKind.Loopback)]
    [InlineData("::ffff:10.1.2.3", BlockedAddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", BlockedAddressKind.CloudMetadata)]
    [InlineData("::ffff:0.0.0.0", BlockedAddressKind.Unspecified)]
    [InlineData("::127.0.0.1", BlockedAddressKind.Loopback)]
    [InlineData("::192.168.0.1", BlockedAddressKind.Private)]
    [InlineData("::ffff:0:127.0.0.1", BlockedAddressKind.Loopback)]
    [InlineData("64:ff9b::127.0.0.1", BlockedAddressKind.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", BlockedAddressKind.CloudMetadata)]
    [InlineData("2002:7f00:1::1", BlockedAddressKind.Loopback)]
    [InlineData("2002:c0a8:101::", BlockedAddressKind.Private)]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", BlockedAddressKind.Loopback)] // Teredo, client ~80ff:fffe = 127.0.0.1
    public void Classify_BlockedAddress_ReturnsItsKind(string address, BlockedAddressKind expected)
    {
        var ip = IPAddress.Parse(address);

        Assert.Equal(expected, NetworkGuard.Classify(ip));
        Assert.True(NetworkGuard.IsBlocked(ip));
        Assert.False(NetworkGuard.Strict.IsAllowed(ip, 80));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.255")]
    [InlineData("192.0.3.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")] // Teredo, client 8.8.8.8
    public void Classify_PublicAddress_IsAllowed(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.Equal(BlockedAddressKind.None, NetworkGuard.Classify(ip));
        Assert.False(NetworkGuard.IsBlocked(ip));
        Assert.True(NetworkGuard.Strict.IsAllowed(ip, 443));
    }

    [Fact]
    public void Classify_Null_Throws() => Assert.Throws<ArgumentNullException>(() => NetworkGuard.Classify(null!));

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback, embedded IPv4 127.0.0.1")]
    [InlineData("2002:a9fe:a9fe::", "cloud metadata, embedded IPv4 169.254.169.254")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    public void Explain_NamesTheEmbeddedIPv4WhenItDecided(string address, string expected)
    {
        var ip = IPAddress.Parse(address);

        Assert.Equal(expected, NetworkGuard.Explain(ip, NetworkGuard.Classify(ip)));
    }

    [Fact]
    public void AllowList_Cidr_LiftsTheBlockInsideTheNetworkOnly()
    {
        var guard = new NetworkGuard(["10.1.0.0/16", "fd12::/16"]);

        Assert.True(guard.IsAllowed(IPAddress.Parse("10.1.2.3"), 80));
        Assert.True(guard.IsAllowed(IPAddress.Parse("::ffff:10.1.2.3"), 80));
        Assert.True(guard.IsAllowed(IPAddress.Parse("fd12:1::5"), 443));
        Assert.False(guard.IsAllowed(IPAddress.Parse("10.2.0.1"), 80));
        Assert.False(guard.IsAllowed(IPAddress.Parse("127.0.0.1"), 80));
        Assert.False(guard.IsAllowed(IPAddress.Parse("fd13::1"), 443));
    }

    [Fact]
    public void AllowList_AddressWithPort_LiftsTheBlockOnThatPortOnly()
    {
        var guard = new NetworkGuard(["127.0.0.1:8080", "[::1]:9090", "192.168.1.10"]);

        Assert.True(guard.IsAllowed(IPAddress.Loopback, 8080));
        Assert.True(guard.IsAllowed(IPAddress.Parse("::ffff:127.0.0.1"), 8080));
        Assert.False(guard.IsAllowed(IPAddress.Loopback, 8081));
        Assert.False(guard.IsAllowed(IPAddress.Parse("127.0.0.2"), 8080));
        Assert.True(guard.IsAllowed(IPAddress.IPv6Loopback, 9090));
        Assert.False(guard.IsAllowed(IPAddress.IPv6Loopback, 8080));
        Assert.True(guard.IsAllowed(IPAddress.Parse("192.168.1.10"), 1));
        Assert.False(guard.IsAllowed(IPAddress.Parse("192.168.1.11"), 1));
    }

    [Fact]
    public void AllowList_HostName_MatchesAnySpellingOfTheName()
    {
        var guard = new NetworkGuard(["Ollama.Internal.:11434", "vllm.lan"]);

        Assert.True(guard.IsAllowListed("ollama.internal", 11434));
        Assert.True(guard.IsAllowListed("OLLAMA.internal.", 11434));
        Assert.False(guard.IsAllowListed("ollama.internal", 11435));
        Assert.False(guard.IsAllowListed("evil.ollama.internal", 11434));
        Assert.True(guard.IsAllowListed("vllm.lan", 8000));
        Assert.True(guard.IsAllowListed("vllm.lan", 443));

        // A name entry trusts the name, not the addresses it happens to resolve to.
        Assert.False(guard.IsAllowed(IPAddress.Loopback, 11434));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("10.0.0.0/33")]
    [InlineData("not a host")]
    [InlineData("host:99999")]
    [InlineData("host:0")]
    [InlineData("host:port")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("http://host/")]
    public void AllowList_InvalidEntry_Throws(string entry)
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkGuard([entry]));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
