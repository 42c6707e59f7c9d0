using Switchboard.Core.Tokenization;

namespace Switchboard.Core.Tests.Tokenization;

public sealed class TokenVectorTests
{
    public static TheoryData<string, string> Sets => new()
    {
        { "token_vectors.json", "cl100k_base" },
        { "token_vectors.json", "o200k_base" },
        { "tiktoken_reference_vectors.json", "cl100k_base" },
        { "tiktoken_reference_vectors.json", "o200k_base" },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Encode_ReproducesEveryReferenceVector(string file, string encodingName)
    {
        var encoding = TiktokenEncoding.FromName(encodingName)!;
        var cases = ReferenceVectors.Load(file, encodingName);
        var failures = new List<string>();
        foreach (var (text, expected) in cases)
        {
            var actual = encoding.Encode(text);
            if (!actual.AsSpan().SequenceEqual(expected))
            {
                failures.Add($"{Escape(text)}: expected [{string.Join(',', expected)}], got [{string.Join(',', actual)}]");
            }
        }

        Assert.True(cases.Count >= 14, $"{file} holds only {cases.Count} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} {encodingName} vectors differ:\n{string.Join('\n', failures.Take(10))}");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void CountTokens_EqualsReferenceLength(string file, string encodingName)
    {
        var encoding = TiktokenEncoding.FromName(encodingName)!;
        foreach (var (text, expected) in ReferenceVectors.Load(file, encodingName))
        {
            Assert.True(expected.Length == encoding.CountTokens(text), Escape(text));
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Decode_RoundTripsEveryReferenceVector(string file, string encodingName)
    {
        var encoding = TiktokenEncoding.FromName(encodingName)!;
        foreach (var (text, expected) in ReferenceVectors.Load(file, encodingName))
        {
            // Lone surrogates cannot round-trip: UTF-8 has no encoding for them, so they come back as U+FFFD.
            var original = string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    var paired = char.IsHighSurrogate(source[i]) ? i + 1 < source.Length && char.IsLowSurrogate(source[i + 1])
                        : !char.IsLowSurrogate(source[i]) || (i > 0 && char.IsHighSurrogate(source[i - 1]));
                    span[i] = paired ? source[i] : '\uFFFD';
                }
            });
            Assert.Equal(original, encoding.Decode(expected));
        }
    }

    private static string Escape(string text) => string.Concat(text.Take(80).Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
