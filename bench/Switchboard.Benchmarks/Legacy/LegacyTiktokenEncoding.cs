using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

using Switchboard.Core.Tokenization;
namespace Switchboard.Benchmarks.Legacy;

/// <summary>An OpenAI tiktoken byte-level BPE encoding (<c>cl100k_base</c> or <c>o200k_base</c>) that counts, encodes and decodes text locally.</summary>
/// <remarks>
/// <see cref="Encode(ReadOnlySpan{char})"/> and <see cref="CountTokens"/> behave like tiktoken's <c>encode_ordinary</c>: special-token
/// text such as <c>&lt;|endoftext|&gt;</c> in the input is encoded as plain text, never as the special token, so
/// user content cannot smuggle control tokens into a count. The rank files are embedded in this assembly and
/// loaded on first use of each encoding (tens of milliseconds); instances are immutable and thread-safe.
/// </remarks>
public sealed class LegacyTiktokenEncoding
{
    // Pieces up to this many UTF-16 chars (three UTF-8 bytes each at most) encode in stack buffers.
    private const int StackChars = 256;

    private static readonly Lazy<LegacyTiktokenEncoding> LazyCl100k = new(
        () => new LegacyTiktokenEncoding("cl100k_base", LegacyRankTable.LoadEmbedded("cl100k_base"), SplitPatterns.Cl100kRegex(), new Dictionary<string, int>
        {
            ["<|endoftext|>"] = 100257,
            ["<|fim_prefix|>"] = 100258,
            ["<|fim_middle|>"] = 100259,
            ["<|fim_suffix|>"] = 100260,
            ["<|endofprompt|>"] = 100276,
        }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<LegacyTiktokenEncoding> LazyO200k = new(
        () => new LegacyTiktokenEncoding("o200k_base", LegacyRankTable.LoadEmbedded("o200k_base"), SplitPatterns.O200kRegex(), new Dictionary<string, int>
        {
            ["<|endoftext|>"] = 199999,
            ["<|endofprompt|>"] = 200018,
        }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly LegacyRankTable _ranks;
    private readonly Regex _split;
    private readonly FrozenDictionary<int, string> _specialById;

    internal LegacyTiktokenEncoding(string name, LegacyRankTable ranks, Regex split, IReadOnlyDictionary<string, int> specialTokens)
    {
        Name = name;
        _ranks = ranks;
        _split = split;
        SpecialTokens = specialTokens.ToFrozenDictionary(StringComparer.Ordinal);
        _specialById = specialTokens.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);
    }

    /// <summary>Gets the <c>cl100k_base</c> encoding (GPT-4, GPT-3.5 Turbo, text-embedding-3), loading it on first use.</summary>
    public static LegacyTiktokenEncoding Cl100kBase => LazyCl100k.Value;

    /// <summary>Gets the <c>o200k_base</c> encoding (GPT-4o, GPT-4.1, GPT-5, o-series), loading it on first use.</summary>
    public static LegacyTiktokenEncoding O200kBase => LazyO200k.Value;

    /// <summary>Gets the encoding name, for example <c>cl100k_base</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the number of ordinary (mergeable) tokens; their ids are 0 to RankCount - 1.</summary>
    public int RankCount => _ranks.Count;

    /// <summary>Gets the rank table (for tests and benchmarks).</summary>
    internal LegacyRankTable Ranks => _ranks;

    /// <summary>Gets the special tokens and their ids; only <see cref="Decode"/> produces their text.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>Returns the encoding with the given name (<c>cl100k_base</c> or <c>o200k_base</c>, any case), or null.</summary>
    public static LegacyTiktokenEncoding? FromName(string encodingName) => encodingName?.ToUpperInvariant() switch
    {
        "CL100K_BASE" => Cl100kBase,
        "O200K_BASE" or "O200K_HARMONY" => O200kBase,
        _ => null,
    };

    /// <summary>Returns the token ids of <paramref name="text"/>, like tiktoken's <c>encode_ordinary</c>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode(text.AsSpan());
    }

    /// <summary>Returns the token ids of <paramref name="text"/>, like tiktoken's <c>encode_ordinary</c>.</summary>
    public int[] Encode(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return [];
        }

        var ids = new List<int>((text.Length / 3) + 4);
        Process(text, ids);
        return [.. ids];
    }

    /// <summary>Returns the number of tokens in <paramref name="text"/> without materialising the ids.</summary>
    public int CountTokens(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : Process(text, null);

    /// <summary>Returns the text of <paramref name="ids"/>; invalid UTF-8 (a character split across calls) becomes U+FFFD.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is neither an ordinary nor a special token of this encoding.</exception>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var length = 0;
        foreach (var id in ids)
        {
            length += TokenBytes(id).Length;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var written = 0;
            foreach (var id in ids)
            {
                var bytes = TokenBytes(id);
                bytes.CopyTo(buffer.AsSpan(written));
                written += bytes.Length;
            }

            return Encoding.UTF8.GetString(buffer, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private ReadOnlySpan<byte> TokenBytes(int id)
    {
        if ((uint)id < (uint)_ranks.Count)
        {
            return _ranks.GetBytes(id);
        }

        return _specialById.TryGetValue(id, out var special)
            ? Encoding.UTF8.GetBytes(special)
            : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id {id} is not part of {Name}.");
    }

    private int Process(ReadOnlySpan<char> text, List<int>? ids)
    {
        if (!text.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return SplitAndMerge(text, text, default, ids);
        }

        var proxy = ArrayPool<char>.Shared.Rent(text.Length);
        var map = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            var length = AstralProxy.Build(text, proxy, new char[text.Length], map);
            return SplitAndMerge(text, proxy.AsSpan(0, length), map.AsSpan(0, length + 1), ids);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(proxy);
            ArrayPool<int>.Shared.Return(map);
        }
    }

    private int SplitAndMerge(ReadOnlySpan<char> text, ReadOnlySpan<char> scanned, ReadOnlySpan<int> map, List<int>? ids)
    {
        Span<byte> bytes = stackalloc byte[StackChars * 3];
        Span<int> tokens = stackalloc int[StackChars * 3];
        byte[]? rentedBytes = null;
        int[]? rentedTokens = null;
        var total = 0;
        try
        {
            foreach (var match in _split.EnumerateMatches(scanned))
            {
                var start = match.Index;
                var end = start + match.Length;
                if (!map.IsEmpty)
                {
                    start = map[start];
                    end = map[end];
                }

                var piece = text[start..end];
                if (piece.Length * 3 > bytes.Length)
                {
                    // Rare long pieces (a run of CJK text or whitespace with no split point): grow once, keep for the call.
                    ReturnRented(rentedBytes, rentedTokens);
                    rentedBytes = ArrayPool<byte>.Shared.Rent(piece.Length * 3);
                    rentedTokens = ArrayPool<int>.Shared.Rent(piece.Length * 3);
                    bytes = rentedBytes;
                    tokens = rentedTokens;
                }

                var length = Encoding.UTF8.GetBytes(piece, bytes);
                var count = LegacyBytePairMerger.Encode(_ranks, bytes[..length], tokens);
                ids?.AddRange(tokens[..count]);
                total += count;
            }
        }
        finally
        {
            ReturnRented(rentedBytes, rentedTokens);
        }

        return total;
    }

    private static void ReturnRented(byte[]? bytes, int[]? tokens)
    {
        if (bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        if (tokens is not null)
        {
            ArrayPool<int>.Shared.Return(tokens);
        }
    }
}
