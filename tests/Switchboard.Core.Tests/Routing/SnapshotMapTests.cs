using Switchboard.Core.Routing;

namespace Switchboard.Core.Tests.Routing;

/// <summary>Checks the snapshot map: changes make new maps that leave the old ones as they were, and folding the overlay keeps every entry.</summary>
public sealed class SnapshotMapTests
{
    [Fact]
    public void With_SetsAndRemoves_WithoutChangingTheMapItCameFrom()
    {
        var first = SnapshotMap<string, string>.Create([KeyValuePair.Create("a", "1"), KeyValuePair.Create("b", "2")], StringComparer.Ordinal);

        var second = first.With([KeyValuePair.Create("b", (string?)null), KeyValuePair.Create("c", (string?)"3"), KeyValuePair.Create("a", (string?)"one")]);

        Assert.Equal(2, first.Count);
        Assert.Equal("1", first["a"]);
        Assert.True(first.ContainsKey("b"));
        Assert.False(first.ContainsKey("c"));
        Assert.Equal(2, second.Count);
        Assert.Equal("one", second["a"]);
        Assert.False(second.ContainsKey("b"));
        Assert.Null(second.GetValueOrDefault("b"));
        Assert.Equal("3", second.GetValueOrDefault("c"));
        Assert.Equal(["a:one", "c:3"], second.Select(p => $"{p.Key}:{p.Value}").Order(StringComparer.Ordinal));
        Assert.Throws<KeyNotFoundException>(() => second["b"]);
    }

    [Fact]
    public void With_RemovingAnAbsentKey_OrAKeyAddedInTheOverlay_CountsRight()
    {
        var map = SnapshotMap<long, string>.Empty()
            .With(1, "x")
            .With(2, null)
            .With(1, null);

        Assert.Empty(map);
        Assert.Equal(0, map.OverlayCount);
    }

    [Fact]
    public void ManyChanges_FoldTheOverlayIntoANewBase_AndKeepEveryEntry()
    {
        var map = SnapshotMap<long, string>.Create(Enumerable.Range(0, 10_000).Select(i => KeyValuePair.Create((long)i, "v" + i)));
        var maxOverlay = 0;
        for (var i = 0; i < 2_000; i++)
        {
            map = i % 2 == 0 ? map.With(10_000 + i, "new" + i) : map.With(i, null);
            maxOverlay = Math.Max(maxOverlay, map.OverlayCount);
        }

        // 1,000 added, 1,000 removed; the overlay never grew past its bound of four times the square root of the size.
        Assert.Equal(10_000, map.Count);
        Assert.InRange(maxOverlay, 1, 4 * (int)Math.Sqrt(10_000) + 1);
        Assert.True(map.OverlayCount < 2_000);
        Assert.Equal(10_000, map.Select(p => p.Key).Distinct().Count()); // enumeration agrees with the count
        Assert.False(map.ContainsKey(1));
        Assert.Equal("v2", map[2]);
        Assert.Equal("new1998", map[11_998]);
    }
}
