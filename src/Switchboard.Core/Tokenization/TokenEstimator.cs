using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchboard.Core.Usage;

namespace Switchboard.Core.Tokenization;

/// <summary>Estimates tokens with the real tiktoken encodings: exact for OpenAI models, corrected cl100k_base counts for other families.</summary>
/// <remarks>
/// OpenAI models (<see cref="ModelTokenizers"/>) are counted with their own encoding. Any other model is counted
/// with <c>cl100k_base</c> and multiplied by its family's factor from <see cref="TokenEstimatorOptions"/>,
/// interpolated by the text's CJK share, because tokenizers differ most on Chinese, Japanese and Korean.
/// Prompt estimates add OpenAI's chat-format overhead (see <see cref="ChatRequestWalker"/>), and count a long string that
/// requests repeat (a system prompt, tool definitions, earlier turns) once per estimator (<see cref="TextCountCache"/>). Thread-safe.
/// </remarks>
public sealed class TokenEstimator : ITokenEstimator
{
    private readonly (string Prefix, FamilyFactors Factors)[] _families;
    private readonly FamilyFactors _default;

    // Repeated request strings, per encoding: each family's factors apply to the shared cl100k_base counts.
    private readonly TextCountCache _cl100kCache = new();
    private readonly TextCountCache _o200kCache = new();

    /// <summary>Initializes a new instance of the <see cref="TokenEstimator"/> class with the built-in family factors.</summary>
    public TokenEstimator()
        : this(Options.Create(new TokenEstimatorOptions()))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TokenEstimator"/> class with the configured family factors.</summary>
    public TokenEstimator(IOptions<TokenEstimatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _default = value.Default ?? new FamilyFactors();

        // Longest prefix first, so "qwen-vl" style keys can refine a broader "qwen" entry.
        _families = [.. value.Families
            .SelectMany(family => family.Key.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(prefix => (Prefix: prefix, Factors: family.Value ?? new FamilyFactors())))
            .OrderByDescending(family => family.Prefix.Length)
            .ThenBy(family => family.Prefix, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Gets the number of request strings whose counts are cached (for tests).</summary>
    internal int CachedStrings => _cl100kCache.Count + _o200kCache.Count;

    /// <inheritdoc />
    public long EstimatePromptTokens(ReadOnlySpan<byte> requestBody, string? model)
    {
        try
        {
            var counter = RequestCounterFor(model ?? ChatRequestWalker.ReadModel(requestBody));
            return (long)Math.Round(ChatRequestWalker.Count(requestBody, counter), MidpointRounding.AwayFromZero);
        }
        catch (JsonException)
        {
            // Not a chat request we can read: fall back to the four-bytes-per-token rule of thumb.
            return Math.Max(1, requestBody.Length / 4);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Without the text, this is the four-bytes-per-token rule of thumb scaled by the family's English factor;
    /// use <see cref="CountText(string, string?)"/> whenever the generated text is at hand.
    /// </remarks>
    public long EstimateOutputTokens(long utf8ByteCount, string? model)
    {
        if (utf8ByteCount <= 0)
        {
            return 0;
        }

        var factor = FactorsFor(model)?.English ?? 1.0;
        return Math.Max(1, (long)Math.Round(utf8ByteCount / 4.0 * factor, MidpointRounding.AwayFromZero));
    }

    /// <summary>Returns the estimated tokens of <paramref name="text"/> for <paramref name="model"/> (exact for OpenAI models).</summary>
    public long CountText(string text, string? model) => CountText(text.AsSpan(), model);

    /// <summary>Returns the estimated tokens of <paramref name="text"/> for <paramref name="model"/> (exact for OpenAI models).</summary>
    public long CountText(ReadOnlySpan<char> text, string? model) =>
        text.IsEmpty ? 0 : (long)Math.Round(CounterFor(model).Count(text), MidpointRounding.AwayFromZero);

    /// <summary>Returns the factors applied to <paramref name="model"/>, or null for an OpenAI model counted exactly.</summary>
    public FamilyFactors? FactorsFor(string? model)
    {
        if (ModelTokenizers.EncodingNameForModel(model) is not null)
        {
            return null;
        }

        var name = ModelTokenizers.Normalize(model);
        foreach (var (prefix, factors) in _families)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return factors;
            }
        }

        return _default;
    }

    private TextCounter CounterFor(string? model) => FactorsFor(model) is { } factors
        ? new TextCounter(TiktokenEncoding.Cl100kBase, factors)
        : new TextCounter(ModelTokenizers.ForModel(model)!, null);

    /// <summary>Returns the counter of a request body, with the encoding's cache of repeated strings.</summary>
    private TextCounter RequestCounterFor(string? model)
    {
        var counter = CounterFor(model);
        // By name: touching TiktokenEncoding.Cl100kBase would load that encoding for an o200k_base model.
        return counter with { Cache = counter.Encoding.Name == ModelTokenizers.Cl100kBase ? _cl100kCache : _o200kCache };
    }
}
