using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Requests;

/// <summary>Holds the rules every JSON body from a client must meet before any of it is used: bounded nesting and text that .NET strings can represent.</summary>
/// <remarks>
/// <para>JSON allows <c>"\ud800"</c>, a lone UTF-16 surrogate, but no .NET string (and no upstream) can carry it: reading it
/// throws deep inside whatever touches the field first. Nesting deeper than 64 levels likewise throws from
/// <see cref="JsonDocument"/>'s default limit. Both are client mistakes, so they are found up front, in one walk that
/// the parsers fold into the walk they already make, and answered with a 400 that names the field.</para>
/// <para>The walk costs nothing for unescaped strings: only strings the reader reports as escaped are scanned.</para>
/// </remarks>
public static class RequestJson
{
    /// <summary>The deepest nesting accepted, counting the top-level object as level 1.</summary>
    public const int MaxDepth = 64;

    /// <summary>Gets the reader options that enforce <see cref="MaxDepth"/>.</summary>
    public static JsonReaderOptions ReaderOptions { get; } = new() { MaxDepth = MaxDepth };

    /// <summary>Skips the value the reader is on (after a property name, or an array item); returns false at the first string it cannot represent.</summary>
    /// <exception cref="JsonException">The JSON is malformed or nested deeper than <see cref="MaxDepth"/>.</exception>
    public static bool TrySkip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return IsRepresentable(ref reader);
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (!IsRepresentable(ref reader))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns whether the body is valid UTF-8; parsers check it once, up front, then only escapes per string.</summary>
    /// <remarks>The reader does not check it: it validates UTF-8 only when it transcodes a string, which is where a 500 used to come from.</remarks>
    public static bool IsValidUtf8(ReadOnlySpan<byte> body) => Utf8.IsValid(body);

    /// <summary>Returns whether the current token, if it is a string or a property name, has escapes that pair every surrogate; the body's UTF-8 is checked apart (<see cref="IsValidUtf8"/>).</summary>
    public static bool IsRepresentable(ref Utf8JsonReader reader) =>
        reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped || !reader.HasValueSequence && EscapesAreWellFormed(reader.ValueSpan);

    /// <summary>Returns whether the current token, if it is a string or a property name, is text a .NET string can hold: valid UTF-8 with well-paired escapes.</summary>
    private static bool IsValidText(ref Utf8JsonReader reader) =>
        reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)
        || !reader.HasValueSequence && Utf8.IsValid(reader.ValueSpan) && IsRepresentable(ref reader);

    /// <summary>Walks a whole body and returns the error for its first problem, or null when every rule holds.</summary>
    public static GatewayError? Check(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            while (reader.Read())
            {
                if (!IsValidText(ref reader))
                {
                    return Describe(body);
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return Describe(body);
        }
    }

    /// <summary>Creates the 400 for a body that broke a rule or is not JSON, naming the field where it went wrong.</summary>
    /// <remarks>Runs only on the error path: it walks the body again, this time keeping the path of every token.</remarks>
    public static GatewayError Describe(ReadOnlySpan<byte> body)
    {
        var path = new List<PathSegment>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = IsValidText(ref reader) ? reader.GetString()! : null;
                        Top(path).Property = name;
                        if (name is null)
                        {
                            return GatewayErrors.InvalidRequest(
                                $"A property name in {Where(path)} is not valid text (invalid UTF-8, or an unpaired UTF-16 surrogate escape \\uD800-\\uDFFF).",
                                Param(path), "invalid_text");
                        }

                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        if (reader.CurrentDepth >= MaxDepth)
                        {
                            return GatewayErrors.InvalidRequest(
                                $"The request body is nested deeper than {MaxDepth} levels (at {Where(path)}).", Param(path), "invalid_json");
                        }

                        path.Add(new PathSegment { IsArray = reader.TokenType == JsonTokenType.StartArray });
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        continue;
                    default:
                        Advance(path);
                        if (!IsValidText(ref reader))
                        {
                            return GatewayErrors.InvalidRequest(
                                $"'{Param(path)}' is not valid text (invalid UTF-8, or an unpaired UTF-16 surrogate escape \\uD800-\\uDFFF).",
                                Param(path), "invalid_text");
                        }

                        continue;
                }
            }
        }
        catch (JsonException ex)
        {
            // The parser's own message can quote the body; the position is enough to find the mistake.
            return GatewayErrors.InvalidRequest($"The request body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).", code: "invalid_json");
        }

        return GatewayErrors.InvalidRequest("The request body is not valid JSON.", code: "invalid_json");
    }

    /// <summary>Returns whether the escapes in a raw JSON string pair every UTF-16 surrogate; the reader has already checked everything else.</summary>
    internal static bool EscapesAreWellFormed(ReadOnlySpan<byte> raw)
    {
        var pendingHigh = false;
        var i = raw.IndexOf((byte)'\\');
        if (i < 0)
        {
            return true;
        }

        while (i < raw.Length)
        {
            if (raw[i] != '\\')
            {
                if (pendingHigh)
                {
                    return false;
                }

                i++;
                continue;
            }

            if (raw[i + 1] != 'u')
            {
                if (pendingHigh)
                {
                    return false;
                }

                i += 2;
                continue;
            }

            var unit = Hex(raw.Slice(i + 2, 4));
            i += 6;
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (pendingHigh)
                {
                    return false;
                }

                pendingHigh = true;
            }
            else if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                if (!pendingHigh)
                {
                    return false;
                }

                pendingHigh = false;
            }
            else if (pendingHigh)
            {
                return false;
            }
        }

        return !pendingHigh;
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | (digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                _ => digit - 'A' + 10,
            });
        }

        return value;
    }

    private static PathSegment Top(List<PathSegment> path) => path[^1];

    private static void Advance(List<PathSegment> path)
    {
        if (path.Count > 0 && path[^1].IsArray)
        {
            path[^1].Index++;
        }
    }

    private static string Where(List<PathSegment> path) => path.Count <= 1 && Param(path) is null ? "the top-level object" : $"'{Param(path)}'";

    private static string? Param(List<PathSegment> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.IsArray)
            {
                if (segment.Index >= 0)
                {
                    text.Append('[').Append(segment.Index).Append(']');
                }
            }
            else if (segment.Property is { } property)
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(property);
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }

    private sealed class PathSegment
    {
        public bool IsArray { get; init; }

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }
}
