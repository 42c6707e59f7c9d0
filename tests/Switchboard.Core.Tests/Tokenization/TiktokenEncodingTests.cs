using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Switchboard.Core.Tokenization;

namespace Switchboard.Core.Tests.Tokenization;

public sealed class TiktokenEncodingTests
{
    public static TheoryData<string> Names => new() { "cl100k_base", "o200k_base" };

    [Theory]
    [InlineData("cl100k_base", "Microsoft.ML.Tokenizers.Data.Cl100kBase", "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7")]
    [InlineData("o200k_base", "Microsoft.ML.Tokenizers.Data.O200kBase", "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d")]
    public void DataPackageRankFile_IsOpenAIsPublishedFile(string name, string package, string sha256)
    {
        // The package stores the ranks deflated, one base64 token per line in rank order after a "Capacity: N" line;
        // written back as OpenAI's "base64 rank" lines, it must hash to the published file.
        using var stream = Assembly.Load(package).GetManifestResourceStream($"{name}.tiktoken.deflate");
        Assert.NotNull(stream);
        using var reader = new StreamReader(new DeflateStream(stream, CompressionMode.Decompress));
        Assert.StartsWith("Capacity: ", reader.ReadLine());
        var published = new StringBuilder();
        var rank = 0;
        while (reader.ReadLine() is { } line)
        {
            published.Append(line).Append(' ').Append(rank++).Append('\n');
        }

        Assert.Equal(TiktokenEncoding.FromName(name)!.RankCount, rank);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(published.ToString()))));
    }

    [Theory]
    [InlineData("cl100k_base", 100_256)]
    [InlineData("o200k_base", 199_998)]
    public void RankCount_IsTheVocabularySize(string name, int count) => Assert.Equal(count, TiktokenEncoding.FromName(name)!.RankCount);

    [Theory]
    [MemberData(nameof(Names))]
    public void SplitPatternAndSpecialTokens_AreTheMetaFiles(string name)
    {
        using var meta = JsonDocument.Parse(File.ReadAllBytes(ReferenceVectors.DataPath($"{name}.meta.json")));
        var pattern = name == "cl100k_base" ? SplitPatterns.Cl100k : SplitPatterns.O200k;
        Assert.Equal(meta.RootElement.GetProperty("pat_str").GetString(), pattern);

        var expected = meta.RootElement.GetProperty("special_tokens").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), TiktokenEncoding.FromName(name)!.SpecialTokens.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_SpecialTokenText_IsOrdinaryText(string name)
    {
        var encoding = TiktokenEncoding.FromName(name)!;
        var ids = encoding.Encode("a<|endoftext|>b<|endofprompt|>");
        Assert.DoesNotContain(ids, id => id >= encoding.RankCount);
        Assert.Equal("a<|endoftext|>b<|endofprompt|>", encoding.Decode(ids));
    }

    [Fact]
    public void Decode_SpecialTokenId_ReturnsItsText()
    {
        Assert.Equal("hello<|endoftext|>", TiktokenEncoding.Cl100kBase.Decode([15339, 100257]));
        Assert.Equal("<|endofprompt|>", TiktokenEncoding.O200kBase.Decode([200018]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_256)]
    [InlineData(1_000_000)]
    public void Decode_UnknownId_Throws(int id) => Assert.Throws<ArgumentOutOfRangeException>(() => TiktokenEncoding.Cl100kBase.Decode([id]));

    [Fact]
    public void Decode_PartialCharacter_BecomesReplacementCharacter()
    {
        // "😀" is 4 bytes in several cl100k tokens; decoding only the first yields U+FFFD, as tiktoken's errors="replace".
        var ids = TiktokenEncoding.Cl100kBase.Encode("😀");
        Assert.True(ids.Length > 1);
        Assert.Equal("\uFFFD", TiktokenEncoding.Cl100kBase.Decode(ids.AsSpan(0, 1)));
    }

    [Fact]
    public void FromName_KnowsBothEncodingsAndNothingElse()
    {
        Assert.Same(TiktokenEncoding.Cl100kBase, TiktokenEncoding.FromName("CL100K_base"));
        Assert.Same(TiktokenEncoding.O200kBase, TiktokenEncoding.FromName("o200k_base"));
        Assert.Same(TiktokenEncoding.O200kBase, TiktokenEncoding.FromName("o200k_harmony"));
        Assert.Null(TiktokenEncoding.FromName("p50k_base"));
        Assert.Equal("o200k_base", TiktokenEncoding.O200kBase.ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CountTokens_EqualsEncodeLength_OnLongMixedText(string name)
    {
        var encoding = TiktokenEncoding.FromName(name)!;
        var text = string.Concat(Enumerable.Repeat("The gateway routes 42 requests/s — 大模型网关每秒处理请求。😀 ", 200)) + new string(' ', 300) + "\n";
        var ids = encoding.Encode(text);
        Assert.Equal(ids.Length, encoding.CountTokens(text));
        Assert.Equal(text, encoding.Decode(ids));
        Assert.Equal(0, encoding.CountTokens(""));
        Assert.Empty(encoding.Encode(""));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_IsThreadSafe(string name)
    {
        var encoding = TiktokenEncoding.FromName(name)!;
        var texts = Enumerable.Range(0, 64).Select(i => $"request {i}: 你好，世界 {new string('x', i)} 😀{i}").ToArray();
        var expected = texts.Select(encoding.Encode).ToArray();
        var results = new int[texts.Length][];
        Parallel.For(0, texts.Length * 8, i => results[i % texts.Length] = encoding.Encode(texts[i % texts.Length]));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i], results[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_VeryLongPieces_CountAndRoundTrip(string name)
    {
        // Each run is one piece of the split pattern, far beyond the library's heap-merge threshold (128 bytes).
        var encoding = TiktokenEncoding.FromName(name)!;
        foreach (var text in new[] { string.Concat(Enumerable.Repeat("人工智能网关", 20_000)), new string(' ', 100_000) + "x", new string('-', 100_000), "😀" + new string('a', 50_000) })
        {
            var ids = encoding.Encode(text);
            Assert.Equal(ids.Length, encoding.CountTokens(text));
            Assert.Equal(text, encoding.Decode(ids));
            Assert.InRange(ids.Length, 1, Encoding.UTF8.GetByteCount(text));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_LoneSurrogates_AreReplacementCharacters(string name)
    {
        // tiktoken encodes a lone surrogate as U+FFFD; the library alone would encode its raw code unit.
        var encoding = TiktokenEncoding.FromName(name)!;
        Assert.Equal(encoding.Encode("a\uFFFDb\uFFFD"), encoding.Encode("a\uD800b\uDC00"));
        Assert.Equal("a\uFFFDb", encoding.Decode(encoding.Encode("a\uDBFFb")));
    }

    [Theory]
    [InlineData("cl100k_base", 100_255, 100_256)]
    [InlineData("o200k_base", 199_997, 199_998)]
    public void Decode_LastRankIsAToken_TheNextIdIsNot(string name, int last, int next)
    {
        var encoding = TiktokenEncoding.FromName(name)!;
        Assert.NotEmpty(encoding.Decode([last]));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoding.Decode([next]));
    }
}
