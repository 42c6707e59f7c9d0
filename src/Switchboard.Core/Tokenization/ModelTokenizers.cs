namespace Switchboard.Core.Tokenization;

/// <summary>Picks the tiktoken encoding of an OpenAI model name (providers.md §5.1).</summary>
/// <remarks>
/// Names are matched case-insensitively after dropping a routing prefix up to the last <c>/</c>
/// (<c>openai/gpt-4o</c>) and a fine-tune prefix (<c>ft:gpt-4o-mini:org::id</c> → <c>gpt-4o-mini</c>).
/// Unknown names, including other vendors' models and custom Azure deployment names, get null.
/// </remarks>
public static class ModelTokenizers
{
    /// <summary>The encoding name of GPT-4o and newer OpenAI models.</summary>
    public const string O200kBase = "o200k_base";

    /// <summary>The encoding name of GPT-4, GPT-3.5 Turbo and the text-embedding models.</summary>
    public const string Cl100kBase = "cl100k_base";

    // Checked before the cl100k rules, so "gpt-4o" and "gpt-4.1" never fall into the "gpt-4" family.
    // gpt-oss uses o200k_harmony, whose ordinary-text encoding is o200k_base (it only adds special tokens).
    private static readonly string[] O200kPrefixes = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4-mini", "gpt-oss"];

    private static readonly string[] Cl100kPrefixes = ["gpt-4-", "gpt-3.5-turbo", "gpt-35-", "text-embedding-3-"];

    private static readonly string[] Cl100kNames = ["gpt-4", "text-embedding-ada-002", "davinci-002", "babbage-002"];

    /// <summary>Returns the encoding of <paramref name="model"/>, or null when it is not a known OpenAI model.</summary>
    public static TiktokenEncoding? ForModel(string? model) => EncodingNameForModel(model) switch
    {
        O200kBase => TiktokenEncoding.O200kBase,
        Cl100kBase => TiktokenEncoding.Cl100kBase,
        _ => null,
    };

    /// <summary>Returns <c>o200k_base</c>, <c>cl100k_base</c> or null for <paramref name="model"/> without loading any rank file.</summary>
    public static string? EncodingNameForModel(string? model)
    {
        var name = Normalize(model);
        if (name.IsEmpty)
        {
            return null;
        }

        foreach (var prefix in O200kPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return O200kBase;
            }
        }

        foreach (var exact in Cl100kNames)
        {
            if (name.Equals(exact, StringComparison.OrdinalIgnoreCase))
            {
                return Cl100kBase;
            }
        }

        foreach (var prefix in Cl100kPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return Cl100kBase;
            }
        }

        return null;
    }

    /// <summary>Drops a routing prefix (<c>vendor/</c>) and a fine-tune prefix (<c>ft:</c>) and surrounding spaces.</summary>
    internal static ReadOnlySpan<char> Normalize(string? model)
    {
        var name = model.AsSpan().Trim();
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        if (name.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..];
        }

        return name;
    }
}
