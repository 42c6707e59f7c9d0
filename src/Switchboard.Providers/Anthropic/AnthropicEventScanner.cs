using System.Buffers;
using System.Text.Json;

namespace Switchboard.Providers.Anthropic;

/// <summary>Scans one Anthropic stream event with <see cref="Utf8JsonReader"/>, recording string tokens by offset.</summary>
/// <remarks>
/// Strings are not decoded: the translator copies their raw JSON tokens into the OpenAI chunks, so a text delta
/// costs no string allocation. Unknown properties and nested values (tool <c>input</c>, citations) are skipped.
/// </remarks>
internal static class AnthropicEventScanner
{
    public static bool TryScan(ReadOnlySpan<byte> json, out AnthropicStreamEvent scan)
    {
        scan = default;
        scan.Index = -1;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    scan.Type = reader.TokenType == JsonTokenType.String ? TypeOf(reader.ValueSpan) : AnthropicStreamEventType.Unknown;
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    reader.Read();
                    scan.Index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) ? index : -1;
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    ReadDelta(ref reader, ref scan);
                }
                else if (reader.ValueTextEquals("content_block"u8))
                {
                    ReadBlock(ref reader, ref scan);
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    ReadUsage(ref reader, ref scan);
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    ReadMessage(ref reader, ref scan);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    ReadError(ref reader, ref scan);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static AnthropicStreamEventType TypeOf(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("content_block_delta"u8) => AnthropicStreamEventType.ContentBlockDelta,
        _ when name.SequenceEqual("content_block_start"u8) => AnthropicStreamEventType.ContentBlockStart,
        _ when name.SequenceEqual("content_block_stop"u8) => AnthropicStreamEventType.ContentBlockStop,
        _ when name.SequenceEqual("message_start"u8) => AnthropicStreamEventType.MessageStart,
        _ when name.SequenceEqual("message_delta"u8) => AnthropicStreamEventType.MessageDelta,
        _ when name.SequenceEqual("message_stop"u8) => AnthropicStreamEventType.MessageStop,
        _ when name.SequenceEqual("ping"u8) => AnthropicStreamEventType.Ping,
        _ when name.SequenceEqual("error"u8) => AnthropicStreamEventType.Error,
        _ => AnthropicStreamEventType.Unknown,
    };

    private static AnthropicBlockType BlockOf(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("text_delta"u8) || name.SequenceEqual("text"u8) => AnthropicBlockType.Text,
        _ when name.SequenceEqual("input_json_delta"u8) => AnthropicBlockType.InputJson,
        _ when name.SequenceEqual("thinking_delta"u8) || name.SequenceEqual("thinking"u8) => AnthropicBlockType.Thinking,
        _ when name.SequenceEqual("signature_delta"u8) => AnthropicBlockType.Signature,
        _ when name.SequenceEqual("tool_use"u8) => AnthropicBlockType.ToolUse,
        _ => AnthropicBlockType.Other,
    };

    private static void ReadDelta(ref Utf8JsonReader reader, ref AnthropicStreamEvent scan)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                scan.Block = reader.TokenType == JsonTokenType.String ? BlockOf(reader.ValueSpan) : AnthropicBlockType.Other;
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8)
                || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("signature"u8))
            {
                reader.Read();
                scan.Text = TextToken(ref reader, out scan.TextBytes);
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                scan.StopReason = Token(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadBlock(ref Utf8JsonReader reader, ref AnthropicStreamEvent scan)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                scan.Block = reader.TokenType == JsonTokenType.String ? BlockOf(reader.ValueSpan) : AnthropicBlockType.Other;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                scan.ToolId = Token(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                scan.ToolName = Token(ref reader);
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                scan.Text = TextToken(ref reader, out scan.TextBytes);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadMessage(ref Utf8JsonReader reader, ref AnthropicStreamEvent scan)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                scan.MessageId = Token(ref reader);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                scan.Model = Token(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                ReadUsage(ref reader, ref scan);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadError(ref Utf8JsonReader reader, ref AnthropicStreamEvent scan)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                scan.ErrorType = Token(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                scan.ErrorMessage = Token(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref AnthropicStreamEvent scan)
    {
        if (!EnterObject(ref reader))
        {
            return;
        }

        scan.Usage = AnthropicUsage.Read(ref reader);
        scan.HasUsage = true;
    }

    /// <summary>Moves onto a property's value; true when it is an object, else skips the value.</summary>
    private static bool EnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    private static JsonToken Token(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? new JsonToken((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2) : default;

    private static JsonToken TextToken(ref Utf8JsonReader reader, out int unescapedBytes)
    {
        unescapedBytes = 0;
        if (reader.TokenType != JsonTokenType.String)
        {
            return default;
        }

        unescapedBytes = reader.ValueIsEscaped ? UnescapedLength(ref reader) : reader.ValueSpan.Length;
        return Token(ref reader);
    }

    private static int UnescapedLength(ref Utf8JsonReader reader)
    {
        // Unescaping never grows the text, so the raw length bounds the buffer.
        var length = reader.ValueSpan.Length;
        if (length <= 512)
        {
            Span<byte> buffer = stackalloc byte[512];
            return reader.CopyString(buffer);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return reader.CopyString(rented);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
