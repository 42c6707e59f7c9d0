using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Server.Responses;

/// <summary>Accumulates text as the inside of one JSON string literal, so streamed fragments (each a literal) join without decoding.</summary>
/// <remarks>
/// The inside of two JSON string literals, laid end to end, is the inside of the literal of the joined text: every escape
/// sits wholly inside its fragment. The buffer keeps the opening quote at index 0 and adds the closing one only to write.
/// Not thread-safe.
/// </remarks>
internal sealed class JsonTextBuffer
{
    private byte[] _buffer = new byte[64];
    private int _length = 1;

    public JsonTextBuffer()
    {
        _buffer[0] = (byte)'"';
    }

    /// <summary>Gets a value indicating whether no text has been added.</summary>
    public bool IsEmpty => _length == 1;

    /// <summary>Creates a buffer holding <paramref name="text"/>.</summary>
    public static JsonTextBuffer Of(string? text)
    {
        var buffer = new JsonTextBuffer();
        if (!string.IsNullOrEmpty(text))
        {
            buffer.AppendLiteral(JsonStringLiteral.Encode(text));
        }

        return buffer;
    }

    /// <summary>Appends the text of a JSON string literal (quotes included); anything shorter than a pair of quotes adds nothing.</summary>
    public void AppendLiteral(ReadOnlySpan<byte> literal)
    {
        if (literal.Length < 2)
        {
            return;
        }

        var inner = literal[1..^1];
        Ensure(inner.Length);
        inner.CopyTo(_buffer.AsSpan(_length));
        _length += inner.Length;
    }

    /// <summary>Writes the text as a JSON string value.</summary>
    public void WriteValue(Utf8JsonWriter writer)
    {
        Ensure(0);
        _buffer[_length] = (byte)'"';
        writer.WriteRawValue(_buffer.AsSpan(0, _length + 1), skipInputValidation: true);
    }

    /// <summary>Writes the text as the JSON string property <paramref name="name"/>.</summary>
    public void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> name)
    {
        writer.WritePropertyName(name);
        WriteValue(writer);
    }

    private void Ensure(int more)
    {
        // One spare byte always, for the closing quote.
        var needed = _length + more + 1;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
