using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Numerics;

using Switchboard.Core.Tokenization;
namespace Switchboard.Benchmarks.Legacy;

/// <summary>Maps the byte sequences of a BPE vocabulary to their ranks (token ids) and back.</summary>
/// <remarks>
/// Built once from a <c>.tiktoken</c> file (<c>base64 rank</c> per line). All token bytes live in one array in
/// rank order, and an open-addressing table of (hash, rank) entries finds a rank from a byte span without
/// allocating: the merge loop looks up millions of short spans, so a <see cref="Dictionary{TKey, TValue}"/>
/// keyed by arrays would cost an allocation or a comparer indirection per lookup.
/// </remarks>
internal sealed class LegacyRankTable
{
    /// <summary>The rank reported for byte sequences that are not tokens; larger than every real rank.</summary>
    public const int NoRank = int.MaxValue;

    private const string ResourcePrefix = "Switchboard.Benchmarks.Legacy.";

    private readonly byte[] _bytes;
    private readonly int[] _offsets;
    private readonly ulong[] _entries;
    private readonly int _mask;
    private readonly int[] _byteRanks;
    private readonly int[] _pairRanks;

    private LegacyRankTable(byte[] bytes, int[] offsets, int maxTokenLength)
    {
        _bytes = bytes;
        _offsets = offsets;
        MaxTokenLength = maxTokenLength;

        // Load factor at most one half keeps linear probes short for both hits and misses.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Count * 2);
        _entries = new ulong[capacity];
        _mask = capacity - 1;
        _byteRanks = new int[256];
        Array.Fill(_byteRanks, NoRank);

        // Every merge starts by ranking all adjacent byte pairs: a direct 64K table (256 KB) answers those without hashing.
        _pairRanks = new int[256 * 256];
        Array.Fill(_pairRanks, NoRank);
        for (var rank = 0; rank < Count; rank++)
        {
            var token = GetBytes(rank);
            if (token.Length == 1)
            {
                _byteRanks[token[0]] = rank;
            }
            else if (token.Length == 2)
            {
                _pairRanks[(token[0] << 8) | token[1]] = rank;
            }

            var hash = Hash(token);
            var slot = (int)hash & _mask;
            while (_entries[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _entries[slot] = ((ulong)hash << 32) | (uint)(rank + 1);
        }

        if (Array.IndexOf(_byteRanks, NoRank) >= 0)
        {
            // Byte-level BPE needs every single byte as a token, or some text could not be encoded at all.
            throw new InvalidDataException("The rank file does not contain all 256 single-byte tokens.");
        }
    }

    /// <summary>Gets the number of tokens (ranks 0 to Count - 1).</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>Gets the length in bytes of the longest token.</summary>
    public int MaxTokenLength { get; }

    /// <summary>Loads the rank file embedded in this assembly under <c>Tokenization/Data/{name}.tiktoken</c>.</summary>
    public static LegacyRankTable LoadEmbedded(string name)
    {
        using var stream = typeof(LegacyRankTable).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".tiktoken")
            ?? throw new InvalidOperationException($"The embedded rank file '{name}.tiktoken' is missing from {typeof(LegacyRankTable).Assembly.GetName().Name}.");
        return Load(stream);
    }

    /// <summary>Reads a <c>.tiktoken</c> rank file whose lines list ranks 0, 1, 2, … in order.</summary>
    public static LegacyRankTable Load(Stream stream)
    {
        byte[] text;
        if (stream is UnmanagedMemoryStream or MemoryStream or FileStream)
        {
            text = new byte[stream.Length];
            stream.ReadExactly(text);
        }
        else
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            text = copy.ToArray();
        }

        return Parse(text);
    }

    /// <summary>Returns the rank of <paramref name="token"/>, or <see cref="NoRank"/> when it is not a token.</summary>
    public int GetRank(ReadOnlySpan<byte> token)
    {
        if (token.Length <= 2)
        {
            return token.Length == 2 ? _pairRanks[(token[0] << 8) | token[1]] : token.Length == 1 ? _byteRanks[token[0]] : NoRank;
        }

        var hash = Hash(token);
        var slot = (int)hash & _mask;
        while (true)
        {
            var entry = _entries[slot];
            if (entry == 0)
            {
                return NoRank;
            }

            if ((uint)(entry >> 32) == hash)
            {
                var rank = (int)(uint)entry - 1;
                var start = _offsets[rank];
                if (_offsets[rank + 1] - start == token.Length && token.SequenceEqual(_bytes.AsSpan(start, token.Length)))
                {
                    return rank;
                }
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Returns the rank of the two-byte sequence <paramref name="first"/>, <paramref name="second"/>, or <see cref="NoRank"/>.</summary>
    public int GetPairRank(byte first, byte second) => _pairRanks[(first << 8) | second];

    /// <summary>Returns the rank of a single byte (every byte is a token).</summary>
    public int GetByteRank(byte value) => _byteRanks[value];

    /// <summary>Returns the bytes of the token with the given rank.</summary>
    public ReadOnlySpan<byte> GetBytes(int rank) => _bytes.AsSpan(_offsets[rank], _offsets[rank + 1] - _offsets[rank]);

    private static LegacyRankTable Parse(byte[] text)
    {
        // Decoded bytes are at most three quarters of the base64 text; trim once at the end.
        var bytes = new byte[text.Length];
        var offsets = new int[text.AsSpan().Count((byte)'\n') + 2];
        var count = 0;
        var written = 0;
        var maxLength = 0;
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            var lineEnd = span.IndexOf((byte)'\n');
            var line = lineEnd < 0 ? span : span[..lineEnd];
            span = lineEnd < 0 ? default : span[(lineEnd + 1)..];
            line = line.TrimEnd((byte)'\r');
            if (line.IsEmpty)
            {
                continue;
            }

            var space = line.IndexOf((byte)' ');
            if (space <= 0
                || !Utf8Parser.TryParse(line[(space + 1)..], out int rank, out var consumed)
                || consumed != line.Length - space - 1
                || rank != count
                || Base64.DecodeFromUtf8(line[..space], bytes.AsSpan(written), out _, out var decoded) != OperationStatus.Done)
            {
                throw new InvalidDataException($"Malformed rank file line {count + 1}: ranks must be listed as 'base64 rank' in order from 0.");
            }

            written += decoded;
            maxLength = Math.Max(maxLength, decoded);
            offsets[++count] = written;
        }

        Array.Resize(ref bytes, written);
        Array.Resize(ref offsets, count + 1);
        return new LegacyRankTable(bytes, offsets, maxLength);
    }

    private static uint Hash(ReadOnlySpan<byte> key)
    {
        // A multiply-xorshift hash over 8-byte words; tokens are short, so the tail handling matters most.
        var length = key.Length;
        var h = (ulong)length * 0x9E3779B97F4A7C15UL;
        var i = 0;
        for (; length - i >= 8; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 32;
        }

        var rest = length - i;
        ulong tail;
        if (rest >= 4)
        {
            tail = BinaryPrimitives.ReadUInt32LittleEndian(key[i..]) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(key[(length - 4)..]) << 32);
        }
        else if (rest > 0)
        {
            tail = key[i] | ((ulong)key[i + (rest >> 1)] << 8) | ((ulong)key[length - 1] << 16);
        }
        else
        {
            tail = 0;
        }

        h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 29;
        h *= 0x9E3779B97F4A7C15UL;
        return (uint)(h >> 32);
    }
}
