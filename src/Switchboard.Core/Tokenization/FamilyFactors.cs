namespace Switchboard.Core.Tokenization;

/// <summary>Scales <c>cl100k_base</c> counts to a model family's own tokenizer, separately for English-like and CJK text.</summary>
/// <remarks>
/// The factor applied to a text is <c>Chinese × r + English × (1 − r)</c>, where r is the share of CJK code
/// points among the text's letters and CJK code points. 1.0 means "the same count as cl100k_base".
/// </remarks>
public sealed class FamilyFactors
{
    /// <summary>Gets or sets the ratio of the family's token count to cl100k_base's for text without CJK characters.</summary>
    public double English { get; set; } = 1.0;

    /// <summary>Gets or sets the ratio of the family's token count to cl100k_base's for all-CJK text (Chinese, Japanese, Korean).</summary>
    public double Chinese { get; set; } = 1.0;

    /// <summary>Returns the factor for a text whose CJK share is <paramref name="cjkRatio"/> (0 to 1).</summary>
    public double For(double cjkRatio) => (Chinese * cjkRatio) + (English * (1 - cjkRatio));
}
