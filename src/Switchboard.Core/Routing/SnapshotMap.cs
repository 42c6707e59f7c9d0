using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Switchboard.Core.Routing;

/// <summary>Holds an immutable map read on every request: a frozen base plus a small overlay of the changes applied since it was built.</summary>
/// <remarks>
/// A change makes a new map that shares the base and copies only the overlay, so applying one change costs the size of
/// the overlay, not of the map. A lookup reads the overlay only when it is not empty, then the frozen base. When the
/// overlay outgrows about four times the square root of the map (at least 64 entries), the change folds it into a new
/// frozen base: that copy of the whole map happens once per that many changes, which keeps the cost per change small
/// while the overlay stays small enough that reads stay at frozen-dictionary speed.
/// </remarks>
internal sealed class SnapshotMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly FrozenDictionary<TKey, TValue> _base;

    /// <summary>Changed keys; a null value is a key removed from the base. Never mutated once the map is published.</summary>
    private readonly Dictionary<TKey, TValue?>? _overlay;

    private SnapshotMap(FrozenDictionary<TKey, TValue> @base, Dictionary<TKey, TValue?>? overlay, int count)
    {
        _base = @base;
        _overlay = overlay is { Count: > 0 } ? overlay : null;
        Count = count;
    }

    /// <summary>Gets the number of entries.</summary>
    public int Count { get; }

    /// <summary>Gets the number of changed entries held beside the frozen base (for tests and diagnostics).</summary>
    public int OverlayCount => _overlay?.Count ?? 0;

    /// <summary>Gets the keys.</summary>
    public IEnumerable<TKey> Keys => this.Select(p => p.Key);

    /// <summary>Gets the values.</summary>
    public IEnumerable<TValue> Values => this.Select(p => p.Value);

    /// <summary>Gets the value of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The key is absent.</exception>
    public TValue this[TKey key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException();

    /// <summary>Creates a map holding <paramref name="items"/>.</summary>
    public static SnapshotMap<TKey, TValue> Create(IEnumerable<KeyValuePair<TKey, TValue>> items, IEqualityComparer<TKey>? comparer = null)
    {
        var frozen = items.ToFrozenDictionary(comparer);
        return new SnapshotMap<TKey, TValue>(frozen, null, frozen.Count);
    }

    /// <summary>Creates an empty map.</summary>
    public static SnapshotMap<TKey, TValue> Empty(IEqualityComparer<TKey>? comparer = null) => Create([], comparer);

    /// <summary>Gets the value of <paramref name="key"/>, if present.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_overlay is { } overlay && overlay.TryGetValue(key, out var changed))
        {
            value = changed;
            return changed is not null;
        }

        return _base.TryGetValue(key, out value);
    }

    /// <summary>Gets the value of <paramref name="key"/>, or null.</summary>
    public TValue? GetValueOrDefault(TKey key) => TryGetValue(key, out var value) ? value : null;

    /// <summary>Returns whether <paramref name="key"/> is present.</summary>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>Returns a map with each change applied: a value sets its key, null removes it.</summary>
    public SnapshotMap<TKey, TValue> With(IEnumerable<KeyValuePair<TKey, TValue?>> changes)
    {
        var comparer = _base.Comparer;
        var overlay = _overlay is null ? new Dictionary<TKey, TValue?>(comparer) : new Dictionary<TKey, TValue?>(_overlay, comparer);
        var count = Count;
        foreach (var (key, value) in changes)
        {
            var had = overlay.TryGetValue(key, out var current) ? current is not null : _base.ContainsKey(key);
            count += (value is not null ? 1 : 0) - (had ? 1 : 0);
            if (value is null && !_base.ContainsKey(key))
            {
                overlay.Remove(key); // nothing to hide in the base
            }
            else
            {
                overlay[key] = value;
            }
        }

        if (overlay.Count > CompactionThreshold(count))
        {
            return Create(Merge(_base, overlay), comparer);
        }

        return new SnapshotMap<TKey, TValue>(_base, overlay, count);
    }

    /// <summary>Returns a map with one change applied: a value sets the key, null removes it.</summary>
    public SnapshotMap<TKey, TValue> With(TKey key, TValue? value) => With([KeyValuePair.Create(key, value)]);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        (_overlay is null ? _base : Merge(_base, _overlay)).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int CompactionThreshold(int count) => Math.Max(64, 4 * (int)Math.Sqrt(count));

    private static IEnumerable<KeyValuePair<TKey, TValue>> Merge(FrozenDictionary<TKey, TValue> @base, Dictionary<TKey, TValue?> overlay)
    {
        foreach (var pair in @base)
        {
            if (!overlay.ContainsKey(pair.Key))
            {
                yield return pair;
            }
        }

        foreach (var (key, value) in overlay)
        {
            if (value is not null)
            {
                yield return KeyValuePair.Create(key, value);
            }
        }
    }
}
