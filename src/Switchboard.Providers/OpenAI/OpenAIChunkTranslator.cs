using System.Text.Json;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Providers.OpenAI;

/// <summary>Turns one OpenAI <c>chat.completion.chunk</c> into canonical stream events, for a client that speaks another protocol.</summary>
/// <remarks>
/// Text is handed on as the JSON string literals the chunk holds, so no delta is decoded. The usage-only chunk and
/// the identity are the stream's business (<see cref="OpenAIChatStream"/>); this reads only the choices.
/// </remarks>
internal static class OpenAIChunkTranslator
{
    /// <summary>Writes the events of every choice in <paramref name="chunk"/> to <paramref name="sink"/>; the chunk was already scanned as valid JSON.</summary>
    public static void Translate(ReadOnlySpan<byte> chunk, IChatStreamSink sink)
    {
        var reader = new Utf8JsonReader(chunk, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isChoices = reader.ValueTextEquals("choices"u8);
            reader.Read();
            if (isChoices && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadChoice(ref reader, chunk, sink);
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadChoice(ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk, IChatStreamSink sink)
    {
        var choice = 0;
        string? finishReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                choice = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) ? index : 0;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadDelta(ref reader, chunk, sink, choice);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                finishReason = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // The finish follows the delta it came with, whatever order the fields were in.
        if (finishReason is not null)
        {
            sink.Write(ChatStreamEvent.Finish(finishReason, choice));
        }
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk, IChatStreamSink sink, int choice)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (IsNonEmptyString(ref reader))
                {
                    sink.Write(ChatStreamEvent.Text(Literal(ref reader, chunk), choice));
                }
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                if (IsNonEmptyString(ref reader))
                {
                    sink.Write(ChatStreamEvent.Reasoning(Literal(ref reader, chunk), choice));
                }
            }
            else if (reader.ValueTextEquals("reasoning_signature"u8))
            {
                reader.Read();
                if (IsNonEmptyString(ref reader))
                {
                    sink.Write(ChatStreamEvent.ReasoningSignature(Literal(ref reader, chunk), choice));
                }
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadToolCall(ref reader, chunk, sink, choice);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadToolCall(ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk, IChatStreamSink sink, int choice)
    {
        var index = 0;
        ReadOnlySpan<byte> id = default;
        ReadOnlySpan<byte> name = default;
        ReadOnlySpan<byte> arguments = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : 0;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.String ? Literal(ref reader, chunk) : default;
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isName = reader.ValueTextEquals("name"u8);
                    var isArguments = reader.ValueTextEquals("arguments"u8);
                    reader.Read();
                    if (isName && reader.TokenType == JsonTokenType.String)
                    {
                        name = Literal(ref reader, chunk);
                    }
                    else if (isArguments && IsNonEmptyString(ref reader))
                    {
                        arguments = Literal(ref reader, chunk);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // A call's first fragment carries its id (and name, and maybe arguments); later fragments carry only arguments.
        if (!id.IsEmpty || !name.IsEmpty)
        {
            sink.Write(ChatStreamEvent.ToolCallStart(index, id, name, choice, argumentsJsonString: arguments));
        }
        else if (!arguments.IsEmpty)
        {
            sink.Write(ChatStreamEvent.ToolCallArguments(index, arguments, choice));
        }
    }

    private static bool IsNonEmptyString(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;

    /// <summary>Returns the current string token as it stands in the chunk, quotes and escapes included.</summary>
    private static ReadOnlySpan<byte> Literal(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> chunk) =>
        chunk.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2);
}
