using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchboard.Abstractions.Chat;

/// <summary>Makes the JSON string literals (quotes included) that <see cref="ChatStreamEvent"/> carries, for text the producer holds as a .NET string.</summary>
public static class JsonStringLiteral
{
    /// <summary>Encodes <paramref name="text"/> as a JSON string literal in UTF-8, quotes included; non-ASCII text stays readable.</summary>
    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var literal = new byte[encoded.Length + 2];
        literal[0] = (byte)'"';
        encoded.CopyTo(literal.AsSpan(1));
        literal[^1] = (byte)'"';
        return literal;
    }

    /// <summary>Decodes a JSON string literal (quotes included) back to text.</summary>
    /// <exception cref="JsonException">The bytes are not one JSON string.</exception>
    public static string Decode(ReadOnlySpan<byte> literal)
    {
        var reader = new Utf8JsonReader(literal);
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a JSON string literal.");
        }

        return reader.GetString()!;
    }
}
