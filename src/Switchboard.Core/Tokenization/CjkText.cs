using System.Text;

namespace Switchboard.Core.Tokenization;

/// <summary>Measures how much of a text is Chinese, Japanese or Korean.</summary>
internal static class CjkText
{
    /// <summary>Returns CJK code points / (letters + CJK code points), or 0 for text with neither.</summary>
    public static double Ratio(ReadOnlySpan<char> text)
    {
        var cjk = 0;
        var letters = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune.Value))
            {
                cjk++;
            }
            else if (Rune.IsLetter(rune))
            {
                letters++;
            }
        }

        return cjk == 0 ? 0 : (double)cjk / (cjk + letters);
    }

    /// <summary>Returns whether a code point is a CJK ideograph, kana, Hangul, or CJK/full-width punctuation.</summary>
    /// <remarks>Punctuation such as ，。！ counts too: CJK tokenizers treat it like the characters around it.</remarks>
    public static bool IsCjk(int codePoint) => codePoint switch
    {
        >= 0x1100 and <= 0x11FF => true,   // Hangul Jamo
        >= 0x2E80 and <= 0x2FDF => true,   // CJK and Kangxi radicals
        >= 0x3000 and <= 0x4DBF => true,   // CJK punctuation, kana, Bopomofo, Hangul compatibility, Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xA960 and <= 0xA97F => true,   // Hangul Jamo Extended-A
        >= 0xAC00 and <= 0xD7FF => true,   // Hangul syllables, Jamo Extended-B
        >= 0xF900 and <= 0xFAFF => true,   // CJK compatibility ideographs
        >= 0xFE30 and <= 0xFE4F => true,   // CJK compatibility forms
        >= 0xFF00 and <= 0xFFEF => true,   // half-width and full-width forms
        >= 0x20000 and <= 0x3FFFF => true, // CJK Extensions B to H
        _ => false,
    };
}
