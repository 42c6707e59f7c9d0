using System.Buffers.Text;

namespace Switchboard.Providers.Gemini;

/// <summary>Counts the UTF-8 bytes of a JSON string's value from its raw, still-escaped token, without decoding it.</summary>
/// <remarks>Google escapes characters such as <c>&lt;</c> as <c>\u003c</c>, so the raw length would overcount.</remarks>
internal static class GeminiTextBytes
{
    /// <summary>Counts the bytes of the value of <paramref name="raw"/>, a JSON string token including its quotes.</summary>
    public static int Count(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 2)
        {
            return 0;
        }

        var body = raw[1..^1];
        var i = body.IndexOf((byte)'\\');
        if (i < 0)
        {
            return body.Length;
        }

        var count = i;
        while (i < body.Length)
        {
            if (body[i] != (byte)'\\')
            {
                count++;
                i++;
            }
            else if (i + 5 < body.Length && body[i + 1] == (byte)'u' && TryHex(body.Slice(i + 2, 4), out var unit))
            {
                i += 6;
                if (unit is >= 0xD800 and <= 0xDBFF && i + 5 < body.Length && body[i] == (byte)'\\' && body[i + 1] == (byte)'u'
                    && TryHex(body.Slice(i + 2, 4), out var low) && low is >= 0xDC00 and <= 0xDFFF)
                {
                    i += 6;
                    count += 4;
                }
                else
                {
                    count += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
                }
            }
            else
            {
                count++;
                i += 2;
            }
        }

        return count;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out ushort value) =>
        Utf8Parser.TryParse(digits, out value, out var consumed, 'X') && consumed == 4;
}
