using System.Text.RegularExpressions;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Tests.Secrets;

public sealed class VirtualKeyGeneratorTests
{
    [Fact]
    public void Generate_Key_IsPrefixAndThirtyTwoBase62Characters()
    {
        var key = VirtualKeyGenerator.Generate();

        Assert.Matches(new Regex("^sb-[0-9A-Za-z]{32}$"), key);
    }

    [Fact]
    public void Generate_Alphabet_CarriesAtLeast190Bits()
    {
        Assert.True(VirtualKeyGenerator.RandomLength * Math.Log2(62) >= 190);
    }

    [Fact]
    public void Generate_ManyKeys_AreDistinctAndSpreadOverTheAlphabet()
    {
        var keys = Enumerable.Range(0, 2000).Select(_ => VirtualKeyGenerator.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var characters = keys.SelectMany(k => k[3..]).ToList();
        Assert.Equal(62, characters.Distinct().Count());

        // 64,000 draws over 62 symbols: each should appear about 1,032 times; a biased generator would miss this band.
        Assert.All(characters.GroupBy(c => c), group => Assert.InRange(group.Count(), 800, 1300));
    }

    [Fact]
    public void Hash_KnownInput_ReturnsLowercaseSha256Hex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", VirtualKeyGenerator.Hash("abc"));
    }

    [Fact]
    public void Hash_Key_DoesNotContainTheKey()
    {
        var key = VirtualKeyGenerator.Generate();

        var hash = VirtualKeyGenerator.Hash(key);

        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(key[3..], hash, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedTimeEquals_Hashes_ComparesExactly()
    {
        var hash = VirtualKeyGenerator.Hash("sb-one");

        Assert.True(VirtualKeyGenerator.FixedTimeEquals(hash, VirtualKeyGenerator.Hash("sb-one")));
        Assert.False(VirtualKeyGenerator.FixedTimeEquals(hash, VirtualKeyGenerator.Hash("sb-two")));
        Assert.False(VirtualKeyGenerator.FixedTimeEquals(hash, hash[..^1]));
    }

    [Fact]
    public void Mask_Key_ShowsPrefixStartAndLastFour()
    {
        var key = VirtualKeyGenerator.Generate();

        var masked = VirtualKeyGenerator.Mask(key);

        Assert.Equal($"{key[..4]}…{key[^4..]}", masked);
    }
}
