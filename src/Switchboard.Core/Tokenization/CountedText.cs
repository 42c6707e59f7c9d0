namespace Switchboard.Core.Tokenization;

/// <summary>The encoding's token count of a text and its CJK share, which together give any family's estimate.</summary>
/// <param name="Tokens">The number of tokens of the encoding.</param>
/// <param name="CjkRatio">The text's <see cref="CjkText.Ratio"/>.</param>
internal readonly record struct CountedText(int Tokens, double CjkRatio);
