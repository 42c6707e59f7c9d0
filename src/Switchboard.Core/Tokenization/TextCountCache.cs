using System.Collections.Concurrent;

namespace Switchboard.Core.Tokenization;

/// <summary>Remembers the token counts of long JSON strings that requests repeat (system prompts, tool definitions, chat history), for one encoding.</summary>
/// <remarks>
/// <para>
/// Keyed by the string's bytes as they stand in the request body (still escaped), so a hit needs neither unescaping
/// nor tokenizing. Strings shorter than <see cref="MinBytes"/> are not worth a lookup and longer than
/// <see cref="MaxBytes"/> are not worth keeping. A string is kept only the second time it is seen: the first sighting
/// leaves its hash in a small table, so text that never repeats costs no copy and never pushes out text that does.
/// </para>
/// <para>
/// Bounded by <see cref="MaxEntries"/> and <see cref="MaxTotalBytes"/>: when either would be passed, the cache starts
/// over (strings that keep repeating come back after two sightings). Thread-safe; a race can only lose an entry.
/// </para>
/// </remarks>
internal sealed class TextCountCache
{
    /// <summary>The shortest string (in body bytes) worth caching.</summary>
    public const int MinBytes = 64;

    /// <summary>The longest string (in body bytes) the cache keeps.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The most strings kept at once.</summary>
    public const int MaxEntries = 2048;

    /// <summary>The most key bytes kept at once.</summary>
    public const long MaxTotalBytes = 4L * 1024 * 1024;

    // Slots for the hashes of strings seen once; a collision only delays (or hastens) an admission.
    private const int SeenSlots = 4096;

    private readonly ConcurrentDictionary<byte[], CountedText> _entries = new(ByteKeyComparer.Instance);
    private readonly ConcurrentDictionary<byte[], CountedText>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly int[] _seen = new int[SeenSlots];
    private long _totalBytes;

    /// <summary>Initializes a new instance of the <see cref="TextCountCache"/> class.</summary>
    public TextCountCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Gets the number of strings held (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>Returns whether <paramref name="raw"/> is held, with its count.</summary>
    public bool TryGet(ReadOnlySpan<byte> raw, out CountedText counted)
    {
        if (raw.Length is < MinBytes or > MaxBytes)
        {
            counted = default;
            return false;
        }

        return _lookup.TryGetValue(raw, out counted);
    }

    /// <summary>Returns whether <paramref name="raw"/> should be added (its second sighting, within the size bounds); a first sighting is remembered.</summary>
    public bool Admits(ReadOnlySpan<byte> raw)
    {
        if (raw.Length is < MinBytes or > MaxBytes)
        {
            return false;
        }

        var hash = ByteKeyComparer.Hash(raw);
        ref var seen = ref _seen[(uint)hash % SeenSlots];
        if (Volatile.Read(ref seen) == hash)
        {
            return true;
        }

        Volatile.Write(ref seen, hash);
        return false;
    }

    /// <summary>Adds the count of <paramref name="raw"/>, starting over first when the cache is full.</summary>
    public void Add(ReadOnlySpan<byte> raw, CountedText counted)
    {
        if (_entries.Count >= MaxEntries || Interlocked.Add(ref _totalBytes, raw.Length) > MaxTotalBytes)
        {
            // Start over rather than track recency per hit: the working set of a gateway's repeated prompts is small.
            _entries.Clear();
            Interlocked.Exchange(ref _totalBytes, raw.Length);
        }

        _entries.TryAdd(raw.ToArray(), counted);
    }

    /// <summary>Offers the count of <paramref name="raw"/>: added on its second sighting, within the bounds.</summary>
    public void Offer(ReadOnlySpan<byte> raw, CountedText counted)
    {
        if (Admits(raw))
        {
            Add(raw, counted);
        }
    }
}
