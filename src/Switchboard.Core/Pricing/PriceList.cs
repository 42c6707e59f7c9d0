using System.Collections.Frozen;

namespace Switchboard.Core.Pricing;

/// <summary>Holds a parsed price list: entries by key, plus notes on what was skipped while reading it.</summary>
/// <remarks>Immutable and thread-safe. Lookups try the exact key first, then ignore case.</remarks>
public sealed class PriceList
{
    private readonly FrozenDictionary<string, PriceListEntry> _exact;
    private readonly FrozenDictionary<string, PriceListEntry> _ignoreCase;

    /// <summary>Creates a list from entries (the last of equal keys wins) and the notes on skipped input.</summary>
    public PriceList(IEnumerable<PriceListEntry> entries, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(notes);
        var exact = new Dictionary<string, PriceListEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            exact[entry.Key] = entry;
        }

        var ignoreCase = new Dictionary<string, PriceListEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, entry) in exact.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            ignoreCase.TryAdd(key, entry);
        }

        _exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        _ignoreCase = ignoreCase.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Notes = notes;
    }

    /// <summary>Gets the number of entries.</summary>
    public int Count => _exact.Count;

    /// <summary>Gets the entries.</summary>
    public IEnumerable<PriceListEntry> Entries => _exact.Values;

    /// <summary>Gets what was skipped while reading (entries that are not objects, unreadable values), for the report.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Finds the entry listed under <paramref name="key"/>, exactly or else ignoring case.</summary>
    public PriceListEntry? Find(string key) =>
        _exact.GetValueOrDefault(key) ?? _ignoreCase.GetValueOrDefault(key);
}
