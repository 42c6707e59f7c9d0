using System.Globalization;
using System.Text;

namespace Switchboard.Core.Tokenization;

/// <summary>Replaces each character outside the BMP by one BMP character of the same class for the split regex.</summary>
/// <remarks>
/// tiktoken's regex runs over code points, .NET's over UTF-16 code units, where both halves of a surrogate
/// pair are category Cs: an astral letter (CJK Extension B, mathematical alphanumerics) or digit would not
/// match <c>\p{L}</c>/<c>\p{N}</c>, and an emoji followed by a letter would split differently. The split
/// patterns only ask for whitespace, <c>\r</c>, <c>\n</c>, <c>'</c>, <c>/</c>, a few ASCII letters and the
/// categories L (Lu, Ll, Lt, Lm, Lo), M and N, so a stand-in from the same category matches exactly where the
/// code point would. The map turns match positions in the proxy back into positions in the original text.
/// The clean copy is the text with each lone surrogate replaced by U+FFFD, which is what tiktoken encodes for it
/// (UTF-8 has no encoding for a lone surrogate), so the pieces handed to the BPE are valid UTF-16.
/// </remarks>
internal static class AstralProxy
{
    /// <summary>Fills <paramref name="proxy"/> and <paramref name="clean"/> (text.Length long) and <paramref name="map"/> (text.Length + 1 long) and returns the proxy length.</summary>
    public static int Build(ReadOnlySpan<char> text, Span<char> proxy, Span<char> clean, Span<int> map)
    {
        var written = 0;
        var i = 0;
        while (i < text.Length)
        {
            map[written] = i;
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                proxy[written++] = c;
                clean[i++] = c;
            }
            else if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                proxy[written++] = StandIn(Rune.GetUnicodeCategory(rune));
                text.Slice(i, consumed).CopyTo(clean[i..]);
                i += consumed;
            }
            else
            {
                // A lone surrogate is encoded as U+FFFD (EF BF BD) like any invalid UTF-16, so split and encode it as one.
                proxy[written++] = '\uFFFD';
                clean[i++] = '\uFFFD';
            }
        }

        map[written] = text.Length;
        return written;
    }

    private static char StandIn(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => 'A',
        UnicodeCategory.LowercaseLetter => 'a',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u4E00',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.DecimalDigitNumber => '0',
        UnicodeCategory.LetterNumber => '\u2160',
        UnicodeCategory.OtherNumber => '\u00B2',

        // Emoji, symbols, private use, unassigned: none of the pattern's classes or literals, like the copyright sign.
        _ => '\u00A9',
    };
}
