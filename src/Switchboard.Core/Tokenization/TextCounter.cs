namespace Switchboard.Core.Tokenization;

/// <summary>Counts the tokens of text for one model: an exact encoding, or cl100k_base scaled by family factors.</summary>
/// <param name="Encoding">The encoding that splits the text.</param>
/// <param name="Factors">The correction factors, or null when <paramref name="Encoding"/> is the model's own.</param>
/// <param name="Cache">The encoding's cache of repeated request strings, or null to count every string.</param>
internal readonly record struct TextCounter(TiktokenEncoding Encoding, FamilyFactors? Factors, TextCountCache? Cache = null)
{
    /// <summary>Returns the (possibly fractional, when scaled) token count of <paramref name="text"/>.</summary>
    public double Count(ReadOnlySpan<char> text)
    {
        var tokens = Encoding.CountTokens(text);

        // Equal factors make the CJK share irrelevant; skip the extra pass over the text.
        return Scale(tokens, Factors is null || tokens == 0 || Factors.English == Factors.Chinese ? 0 : CjkText.Ratio(text));
    }

    /// <summary>Returns the count of a request string kept in <see cref="Cache"/> under its body bytes <paramref name="raw"/>, if it is there.</summary>
    public bool TryCached(ReadOnlySpan<byte> raw, out double count)
    {
        if (Cache is not null && Cache.TryGet(raw, out var counted))
        {
            count = Scale(counted.Tokens, counted.CjkRatio);
            return true;
        }

        count = 0;
        return false;
    }

    /// <summary>Returns the count of a request string <paramref name="text"/> and offers it to <see cref="Cache"/> under its body bytes <paramref name="raw"/>.</summary>
    public double Count(ReadOnlySpan<byte> raw, ReadOnlySpan<char> text)
    {
        if (Cache is null || !Cache.Admits(raw))
        {
            return Count(text);
        }

        // Another family may read this entry, so it keeps the CJK share whatever this one's factors are.
        var counted = new CountedText(Encoding.CountTokens(text), CjkText.Ratio(text));
        Cache.Add(raw, counted);
        return Scale(counted.Tokens, counted.CjkRatio);
    }

    private double Scale(int tokens, double cjkRatio) => Factors is null || tokens == 0
        ? tokens
        : tokens * (Factors.English == Factors.Chinese ? Factors.English : Factors.For(cjkRatio));
}
