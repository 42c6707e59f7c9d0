using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Pipeline;

namespace Switchboard.Core.Caching;

/// <summary>Records the canonical events of one answer stream and, when it completed whole, writes them as one OpenAI <c>chat.completion</c> object.</summary>
/// <remarks>
/// Text arrives as JSON string literals; the recorder keeps each literal's inside (escapes and all) and joins them, so
/// nothing is decoded. Past <c>maxBytes</c> it stops recording and the answer is not stored. Not thread-safe.
/// </remarks>
internal sealed class AnswerRecorder(int maxBytes)
{
    private static readonly JsonWriterOptions ClientJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly List<Choice> _choices = [];
    private ChunkIdentity _identity;
    private long _bytes;
    private bool _spoiled;

    /// <summary>Adds one event.</summary>
    public void Add(in ChatStreamEvent streamEvent)
    {
        if (_spoiled)
        {
            return;
        }

        _bytes += streamEvent.Data.Length + streamEvent.Name.Length + streamEvent.Arguments.Length + streamEvent.Signature.Length;
        if (_bytes > maxBytes)
        {
            Spoil();
            return;
        }

        var choice = ChoiceAt(streamEvent.Choice);
        switch (streamEvent.Kind)
        {
            case ChatStreamEventKind.Start:
                _identity = streamEvent.Identity;
                break;
            case ChatStreamEventKind.TextDelta:
                Append(choice.Text, streamEvent.Data);
                break;
            case ChatStreamEventKind.ReasoningDelta:
                Append(choice.Reasoning, streamEvent.Data);
                break;
            case ChatStreamEventKind.ReasoningSignature:
                Append(choice.Signature, streamEvent.Data);
                break;
            case ChatStreamEventKind.ToolCallStart:
                var call = new ToolCall(streamEvent.ToolIndex, Inside(streamEvent.Data).ToArray(), Inside(streamEvent.Name).ToArray(), Inside(streamEvent.Signature).ToArray());
                Append(call.Arguments, streamEvent.Arguments);
                choice.Calls.Add(call);
                break;
            case ChatStreamEventKind.ToolCallArgumentsDelta:
                var toolIndex = streamEvent.ToolIndex;
                if (choice.Calls.FindLast(c => c.Index == toolIndex) is { } open)
                {
                    Append(open.Arguments, streamEvent.Data);
                }
                else
                {
                    Spoil();
                }

                break;
            case ChatStreamEventKind.Finish:
                choice.FinishReason = streamEvent.FinishReason;
                break;
        }
    }

    /// <summary>Forgets what was recorded: the answer will not be stored.</summary>
    public void Spoil()
    {
        _spoiled = true;
        _choices.Clear();
    }

    /// <summary>Returns the recorded answer with its final usage, or null when it is not one to store (spoiled, empty, or a choice that did not finish or was filtered).</summary>
    public CachedAnswer? Build(TokenUsage usage, ChunkIdentity identity)
    {
        if (_spoiled || _choices.Count == 0 || _choices.Exists(c => !AnswerRules.IsStorable(c.FinishReason)))
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>((int)Math.Min(_bytes + 512, int.MaxValue));
        using (var writer = new Utf8JsonWriter(output, ClientJson))
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, identity.Id ?? _identity.Id ?? "");
            writer.WriteString("object"u8, "chat.completion"u8);
            writer.WriteNumber("created"u8, identity.Created != 0 ? identity.Created : _identity.Created);
            writer.WriteString("model"u8, identity.Model ?? _identity.Model ?? "");
            writer.WriteStartArray("choices"u8);
            for (var i = 0; i < _choices.Count; i++)
            {
                WriteChoice(writer, i, _choices[i]);
            }

            writer.WriteEndArray();
            StreamEventWriter.WriteUsage(writer, usage);
            writer.WriteEndObject();
        }

        return new CachedAnswer { Json = output.WrittenMemory.ToArray(), Usage = usage, FinishReason = _choices[0].FinishReason };
    }

    private static void WriteChoice(Utf8JsonWriter writer, int index, Choice choice)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WritePropertyName("content"u8);
        if (choice.Text.WrittenCount == 0 && choice.Calls.Count > 0)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteString(writer, choice.Text.WrittenSpan);
        }

        if (choice.Reasoning.WrittenCount > 0)
        {
            writer.WritePropertyName("reasoning_content"u8);
            WriteString(writer, choice.Reasoning.WrittenSpan);
        }

        if (choice.Signature.WrittenCount > 0)
        {
            writer.WritePropertyName("reasoning_signature"u8);
            WriteString(writer, choice.Signature.WrittenSpan);
        }

        if (choice.Calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls"u8);
            foreach (var call in choice.Calls)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("id"u8);
                WriteString(writer, call.Id);
                writer.WriteString("type"u8, "function"u8);
                writer.WriteStartObject("function"u8);
                writer.WritePropertyName("name"u8);
                WriteString(writer, call.Name);
                writer.WritePropertyName("arguments"u8);
                WriteString(writer, call.Arguments.WrittenSpan);
                writer.WriteEndObject();
                if (call.Signature.Length > 0)
                {
                    writer.WritePropertyName("thought_signature"u8);
                    WriteString(writer, call.Signature);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteString("finish_reason"u8, choice.FinishReason);
        writer.WriteEndObject();
    }

    /// <summary>Writes the inside of a JSON string literal back between quotes, as it arrived.</summary>
    private static void WriteString(Utf8JsonWriter writer, ReadOnlySpan<byte> inside)
    {
        var literal = new byte[inside.Length + 2];
        literal[0] = (byte)'"';
        inside.CopyTo(literal.AsSpan(1));
        literal[^1] = (byte)'"';
        writer.WriteRawValue(literal, skipInputValidation: true);
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> literal) => buffer.Write(Inside(literal));

    /// <summary>Returns a JSON string literal without its quotes; an empty span for an absent one.</summary>
    private static ReadOnlySpan<byte> Inside(ReadOnlySpan<byte> literal) => literal.Length >= 2 ? literal[1..^1] : default;

    private Choice ChoiceAt(int index)
    {
        // Choices arrive by index; a stream never skips one, but a hostile upstream could name index 10^9: bound it.
        if (index < 0 || index > 128)
        {
            Spoil();
            return new Choice();
        }

        while (_choices.Count <= index)
        {
            _choices.Add(new Choice());
        }

        return _choices[index];
    }

    private sealed class Choice
    {
        public ArrayBufferWriter<byte> Text { get; } = new();

        public ArrayBufferWriter<byte> Reasoning { get; } = new();

        public ArrayBufferWriter<byte> Signature { get; } = new();

        public List<ToolCall> Calls { get; } = [];

        public string? FinishReason { get; set; }
    }

    private sealed record ToolCall(int Index, byte[] Id, byte[] Name, byte[] Signature)
    {
        public ArrayBufferWriter<byte> Arguments { get; } = new();
    }
}
