namespace Switchboard.Core.Tokenization;

/// <summary>Counts the tokens of text for one model: an exact encoding, or cl100k_base scaled by family factors.</summary>
/// <param name="Encoding">The encoding that splits the text.</param>
/// <param name="Factors">The correction factors, or null when <paramref name="Encoding"/> is the model's own.</param>
internal readonly record struct TextCounter(TiktokenEncoding Encoding, FamilyFactors? Factors)
{
    /// <summary>Returns the (possibly fractional, when scaled) token count of <paramref name="text"/>.</summary>
    public double Count(ReadOnlySpan<char> text)
    {
        var tokens = Encoding.CountTokens(text);
        if (Factors is null || tokens == 0)
        {
            return tokens;
        }

        // Equal factors make the CJK share irrelevant; skip the extra pass over the text.
        return tokens * (Factors.English == Factors.Chinese ? Factors.English : Factors.For(CjkText.Ratio(text)));
    }
}
