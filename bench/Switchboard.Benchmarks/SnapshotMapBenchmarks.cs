using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Switchboard.Core.Routing;

namespace Switchboard.Benchmarks;

/// <summary>The virtual-key lookup every request makes (by SHA-256 hex hash, 100k keys): a plain frozen dictionary, the snapshot map with no recent changes, and with a full overlay.</summary>
/// <remarks>
/// <c>SnapshotMapLookupFullOverlay</c> holds as many recent changes as the map keeps before folding them (4·√n ≈ 1,264 at 100k), the
/// worst case for a read; <c>ApplyOneChange</c> is the cost of a new key on the map (the overlay copy, and the fold
/// amortised over the changes that trigger it).
/// </remarks>
public class SnapshotMapBenchmarks
{
    private const int Keys = 100_000;
    private string[] _hashes = [];
    private FrozenDictionary<string, string> _frozen = null!;
    private SnapshotMap<string, string> _clean = null!;
    private SnapshotMap<string, string> _fullOverlay = null!;
    private SnapshotMap<string, string> _growing = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _hashes = [.. Enumerable.Range(0, Keys).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))))];
        _frozen = _hashes.ToFrozenDictionary(h => h, h => h, StringComparer.Ordinal);
        _clean = SnapshotMap<string, string>.Create(_hashes.Select(h => KeyValuePair.Create(h, h)), StringComparer.Ordinal);
        _growing = _clean;
        _fullOverlay = _clean;
        for (var i = 0; i < 4 * (int)Math.Sqrt(Keys); i++)
        {
            _fullOverlay = _fullOverlay.With("new-" + i, "v");
        }
    }

    [Benchmark(Baseline = true)]
    public bool FrozenLookup() => _frozen.TryGetValue(_hashes[_next++ % Keys], out _);

    [Benchmark]
    public bool SnapshotMapLookup() => _clean.TryGetValue(_hashes[_next++ % Keys], out _);

    [Benchmark]
    public bool SnapshotMapLookupFullOverlay() => _fullOverlay.TryGetValue(_hashes[_next++ % Keys], out _);

    [Benchmark]
    public int ApplyOneChange()
    {
        _growing = _growing.With("added-" + _next++, "v");
        return _growing.Count;
    }
}
