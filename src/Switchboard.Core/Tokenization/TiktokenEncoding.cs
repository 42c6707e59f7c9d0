using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Switchboard.Core.Tokenization;

/// <summary>An OpenAI tiktoken byte-level BPE encoding (<c>cl100k_base</c> or <c>o200k_base</c>) that counts, encodes and decodes text locally.</summary>
/// <remarks>
/// <para>
/// Microsoft.ML.Tokenizers does the byte-pair merging, with OpenAI's rank files from its data packages; this type
/// splits the text itself with the encodings' own split patterns (<see cref="SplitPatterns"/>) and hands the
/// library one piece at a time with its pre-tokenizer off. The library's pre-tokenizer runs over UTF-16 code units,
/// so it splits text holding characters outside the BMP (astral letters and digits, emoji before a letter) and lone
/// surrogates differently from tiktoken; <see cref="AstralProxy"/> makes the split match tiktoken's code-point regex.
/// </para>
/// <para>
/// <see cref="Encode(ReadOnlySpan{char})"/> and <see cref="CountTokens"/> behave like tiktoken's <c>encode_ordinary</c>:
/// special-token text such as <c>&lt;|endoftext|&gt;</c> in the input is encoded as plain text, never as the special
/// token, so user content cannot smuggle control tokens into a count (no piece of the split patterns can be a whole
/// special token). An encoding loads on its first use (a few hundred milliseconds and tens of MB, once per process);
/// instances are immutable apart from the library's bounded, locked piece cache, and thread-safe.
/// </para>
/// </remarks>
public sealed class TiktokenEncoding
{
    // tiktoken's mergeable ranks: ids 0 to RankCount - 1; the special tokens come after them.
    private static readonly Lazy<TiktokenEncoding> LazyCl100k = new(
        () => new TiktokenEncoding(ModelTokenizers.Cl100kBase, 100_256, SplitPatterns.Cl100kRegex()),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<TiktokenEncoding> LazyO200k = new(
        () => new TiktokenEncoding(ModelTokenizers.O200kBase, 199_998, SplitPatterns.O200kRegex()),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TiktokenTokenizer _tokenizer;
    private readonly Regex _split;
    private readonly FrozenSet<int> _specialIds;

    private TiktokenEncoding(string name, int rankCount, Regex split)
    {
        Name = name;
        RankCount = rankCount;
        _split = split;
        _tokenizer = TiktokenTokenizer.CreateForEncoding(name);
        SpecialTokens = (_tokenizer.SpecialTokens ?? new Dictionary<string, int>()).ToFrozenDictionary(StringComparer.Ordinal);
        _specialIds = SpecialTokens.Values.ToFrozenSet();
    }

    /// <summary>Gets the <c>cl100k_base</c> encoding (GPT-4, GPT-3.5 Turbo, text-embedding-3), loading it on first use.</summary>
    public static TiktokenEncoding Cl100kBase => LazyCl100k.Value;

    /// <summary>Gets the <c>o200k_base</c> encoding (GPT-4o, GPT-4.1, GPT-5, o-series), loading it on first use.</summary>
    public static TiktokenEncoding O200kBase => LazyO200k.Value;

    /// <summary>Gets the encoding name, for example <c>cl100k_base</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the number of ordinary (mergeable) tokens; their ids are 0 to RankCount - 1.</summary>
    public int RankCount { get; }

    /// <summary>Gets the special tokens and their ids; only <see cref="Decode"/> produces their text.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>Returns the encoding with the given name (<c>cl100k_base</c> or <c>o200k_base</c>, any case), or null.</summary>
    public static TiktokenEncoding? FromName(string encodingName) => encodingName?.ToUpperInvariant() switch
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
        foreach (var id in ids)
        {
            // The library skips ids it does not know; a caller passing one has a bug worth hearing about.
            if ((uint)id >= (uint)RankCount && !_specialIds.Contains(id))
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} is not part of {Name}.");
            }
        }

        return _tokenizer.Decode(ids.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private int Process(ReadOnlySpan<char> text, List<int>? ids)
    {
        if (!text.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return SplitAndEncode(text, text, default, ids);
        }

        var proxy = ArrayPool<char>.Shared.Rent(text.Length);
        var clean = ArrayPool<char>.Shared.Rent(text.Length);
        var map = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            var length = AstralProxy.Build(text, proxy, clean, map);
            return SplitAndEncode(clean.AsSpan(0, text.Length), proxy.AsSpan(0, length), map.AsSpan(0, length + 1), ids);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(proxy);
            ArrayPool<char>.Shared.Return(clean);
            ArrayPool<int>.Shared.Return(map);
        }
    }

    /// <summary>Splits <paramref name="scanned"/> (the text or its proxy) and encodes each piece of <paramref name="text"/> with the library.</summary>
    private int SplitAndEncode(ReadOnlySpan<char> text, ReadOnlySpan<char> scanned, ReadOnlySpan<int> map, List<int>? ids)
    {
        var total = 0;
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
            if (ids is null)
            {
                total += _tokenizer.CountTokens(piece, considerPreTokenization: false, considerNormalization: false);
            }
            else
            {
                var pieceIds = _tokenizer.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false);
                ids.AddRange(pieceIds);
                total += pieceIds.Count;
            }
        }

        return total;
    }
}
