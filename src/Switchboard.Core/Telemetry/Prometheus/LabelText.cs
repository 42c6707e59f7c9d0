using System.Globalization;

namespace Switchboard.Core.Telemetry.Prometheus;

/// <summary>Hashes and compares measurement tags against stored label values without allocating.</summary>
/// <remarks>Values are compared by their invariant text, so an <c>int</c> 200 and a string "200" name the same series.</remarks>
internal static class LabelText
{
    /// <summary>Computes an order-independent hash of the tags' names and value texts.</summary>
    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        Span<char> buffer = stackalloc char[64];
        foreach (var tag in tags)
        {
            var text = Text(tag.Value, buffer);
            hash += (QuickHash(tag.Key) * 31) ^ QuickHash(text);
        }

        return hash;
    }

    /// <summary>Hashes a text from its length and a few sampled characters.</summary>
    /// <remarks>Weak on purpose: it runs for every tag of every measurement, and a collision only costs a label comparison.</remarks>
    private static int QuickHash(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var hash = text.Length;
        hash = (hash * 31) + text[0];
        hash = (hash * 31) + text[^1];
        hash = (hash * 31) + text[text.Length / 2];
        hash = (hash * 31) + text[text.Length / 3];
        return (hash * 31) + text[(2 * text.Length) / 3];
    }

    /// <summary>Returns true when the tags hold exactly the stored labels, in any order.</summary>
    public static bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags, KeyValuePair<string, string>[] labels)
    {
        if (tags.Length != labels.Length)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[64];
        foreach (var tag in tags)
        {
            var found = false;
            foreach (var label in labels)
            {
                if (string.Equals(label.Key, tag.Key, StringComparison.Ordinal))
                {
                    found = Text(tag.Value, buffer).SequenceEqual(label.Value);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Converts a tag value to its label text (allocates; used once per new series).</summary>
    public static string ToText(object? value)
    {
        Span<char> buffer = stackalloc char[64];
        return value is string s ? s : Text(value, buffer).ToString();
    }

    private static ReadOnlySpan<char> Text(object? value, Span<char> buffer)
    {
        switch (value)
        {
            case null:
                return [];
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case ISpanFormattable formattable when formattable.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture):
                return buffer[..written];
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }
}
