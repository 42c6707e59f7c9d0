namespace Switchboard.Core.Tokenization;

/// <summary>Holds the per-family correction factors of <see cref="TokenEstimator"/>, bound from <c>Switchboard:TokenEstimator</c>.</summary>
/// <remarks>
/// OpenAI models are counted exactly with their own encoding and ignore these settings. Every other model is
/// counted with <c>cl100k_base</c> and scaled by the factors of the family whose prefix its name starts with
/// (after any <c>vendor/</c> routing prefix, case-insensitive, longest prefix wins). A key may list several
/// prefixes separated by <c>|</c>. Configuration adds to or overrides the built-in families.
/// <para>
/// The built-in factors are rough estimates from public comparisons of each family's tokenizer with
/// cl100k_base, not measurements of this project: English text tokenizes about the same everywhere (Claude's
/// tokenizer produces roughly 15% more tokens), while tokenizers trained on more Chinese need roughly a third
/// fewer tokens than cl100k_base's one or more per Han character. Prefer the provider's reported usage or
/// its token-counting endpoint whenever one exists; these numbers only serve pre-flight checks and
/// interrupted streams.
/// </para>
/// </remarks>
public sealed class TokenEstimatorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:TokenEstimator";

    /// <summary>Gets the factors by model-name prefix (or <c>|</c>-separated prefixes), case-insensitive.</summary>
    public Dictionary<string, FamilyFactors> Families { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["claude"] = new() { English = 1.15, Chinese = 1.3 },
        ["gemini|gemma"] = new() { English = 1.0, Chinese = 0.75 },
        ["qwen|qwq"] = new() { English = 1.0, Chinese = 0.7 },
        ["deepseek"] = new() { English = 1.0, Chinese = 0.65 },
        ["glm|chatglm|codegeex"] = new() { English = 1.0, Chinese = 0.7 },
        ["moonshot|kimi"] = new() { English = 1.0, Chinese = 0.7 },
        ["ernie"] = new() { English = 1.0, Chinese = 0.7 },
        ["hunyuan"] = new() { English = 1.0, Chinese = 0.7 },
    };

    /// <summary>Gets or sets the factors of models that match no family (1.0 and 1.0: plain cl100k_base counts).</summary>
    public FamilyFactors Default { get; set; } = new();
}
