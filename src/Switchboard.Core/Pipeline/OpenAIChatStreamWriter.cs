using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;

namespace Switchboard.Core.Pipeline;

/// <summary>Writes an answer stream as OpenAI <c>chat.completion.chunk</c> SSE events, the canonical client protocol.</summary>
/// <remarks>
/// An OpenAI-compatible upstream's events pass through unchanged; a translated upstream's events become chunks that
/// all carry the id, model and created time of the <see cref="ChatStreamEventKind.Start"/> event. Text arrives as JSON
/// string literals and is copied without decoding. The stream ends with the usage-only chunk (when the client asked for
/// it) and <c>[DONE]</c>, or with one error event. Not thread-safe; one instance per stream.
/// </remarks>
public sealed class OpenAIChatStreamWriter(string fallbackId, bool includeUsage) : ClientStreamWriter
{
    private JsonEncodedText _id = JsonEncodedText.Encode(fallbackId, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    private JsonEncodedText _model = JsonEncodedText.Encode("", JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
    private long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <inheritdoc/>
    public override string? PassthroughProtocol => ClientProtocols.OpenAIChat;

    /// <inheritdoc/>
    public override void WriteRaw(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        WriteSseEvent(default, data);
    }

    /// <inheritdoc/>
    public override void Write(in ChatStreamEvent streamEvent)
    {
        switch (streamEvent.Kind)
        {
            case ChatStreamEventKind.Start:
                var identity = streamEvent.Identity;
                _id = JsonEncodedText.Encode(identity.Id ?? fallbackId, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                _model = JsonEncodedText.Encode(identity.Model ?? "", JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
                _created = identity.Created == 0 ? _created : identity.Created;
                var writer = Begin(streamEvent.Choice);
                writer.WriteString("role"u8, "assistant"u8);
                writer.WriteString("content"u8, ""u8);
                End(writer, finishReason: null);
                break;
            case ChatStreamEventKind.TextDelta:
                Field(streamEvent.Choice, "content"u8, streamEvent.Data);
                break;
            case ChatStreamEventKind.ReasoningDelta:
                Field(streamEvent.Choice, "reasoning_content"u8, streamEvent.Data);
                break;
            case ChatStreamEventKind.ReasoningSignature:
                // Our own field: a client echoes it back as the assistant message's reasoning_signature to continue a thinking turn.
                Field(streamEvent.Choice, "reasoning_signature"u8, streamEvent.Data);
                break;
            case ChatStreamEventKind.ToolCallStart:
                ToolCall(streamEvent, start: true);
                break;
            case ChatStreamEventKind.ToolCallArgumentsDelta:
                ToolCall(streamEvent, start: false);
                break;
            case ChatStreamEventKind.Finish:
                End(Begin(streamEvent.Choice), streamEvent.FinishReason);
                break;
            case ChatStreamEventKind.Usage:
                // The engine writes the one usage chunk at the end, with the figures the request is recorded with.
                break;
        }
    }

    /// <inheritdoc/>
    public override void Complete(TokenUsage usage, ChunkIdentity identity)
    {
        if (includeUsage)
        {
            var writer = Open();
            writer.WriteStartObject();
            writer.WriteString("id"u8, identity.Id ?? fallbackId);
            writer.WriteString("object"u8, "chat.completion.chunk"u8);
            writer.WriteNumber("created"u8, identity.Created == 0 ? _created : identity.Created);
            writer.WriteString("model"u8, identity.Model ?? "");
            writer.WriteStartArray("choices"u8);
            writer.WriteEndArray();
            StreamEventWriter.WriteUsage(writer, usage);
            writer.WriteEndObject();
            Close(writer);
        }

        StreamEventWriter.WriteDone(Output);
    }

    /// <inheritdoc/>
    public override void Fail(GatewayError error) => StreamEventWriter.WriteError(Output, error);

    private void ToolCall(in ChatStreamEvent streamEvent, bool start)
    {
        var writer = Begin(streamEvent.Choice);
        writer.WriteStartArray("tool_calls"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, streamEvent.ToolIndex);
        if (start)
        {
            writer.WritePropertyName("id"u8);
            WriteRawOrEmpty(writer, streamEvent.Data);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WritePropertyName("name"u8);
            WriteRawOrEmpty(writer, streamEvent.Name);
            writer.WritePropertyName("arguments"u8);
            WriteRawOrEmpty(writer, streamEvent.Arguments);
            if (!streamEvent.Signature.IsEmpty)
            {
                // Our extension field on the call, which a client echoes back so the upstream can continue its reasoning.
                writer.WriteEndObject();
                writer.WritePropertyName("thought_signature"u8);
                writer.WriteRawValue(streamEvent.Signature, skipInputValidation: true);
                writer.WriteEndObject();
                writer.WriteEndArray();
                End(writer, finishReason: null);
                return;
            }
        }
        else
        {
            writer.WriteStartObject("function"u8);
            writer.WritePropertyName("arguments"u8);
            WriteRawOrEmpty(writer, streamEvent.Data);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        End(writer, finishReason: null);
    }

    private void Field(int choice, ReadOnlySpan<byte> name, ReadOnlySpan<byte> jsonString)
    {
        var writer = Begin(choice);
        writer.WritePropertyName(name);
        WriteRawOrEmpty(writer, jsonString);
        End(writer, finishReason: null);
    }

    private Utf8JsonWriter Open()
    {
        WriteBytes("data: "u8);
        var writer = JsonWriter();

        return writer;
    }

    private void Close(Utf8JsonWriter writer)
    {
        writer.Flush();
        WriteBytes("\n\n"u8);
    }

    private Utf8JsonWriter Begin(int choice)
    {
        var writer = Open();
        writer.WriteStartObject();
        writer.WriteString("id"u8, _id);
        writer.WriteString("object"u8, "chat.completion.chunk"u8);
        writer.WriteNumber("created"u8, _created);
        writer.WriteString("model"u8, _model);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, choice);
        writer.WriteStartObject("delta"u8);
        return writer;
    }

    private void End(Utf8JsonWriter writer, string? finishReason)
    {
        writer.WriteEndObject();
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason"u8);
        }
        else
        {
            writer.WriteString("finish_reason"u8, finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        Close(writer);
    }

    private static void WriteRawOrEmpty(Utf8JsonWriter writer, ReadOnlySpan<byte> jsonString)
    {
        if (jsonString.Length >= 2)
        {
            writer.WriteRawValue(jsonString, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }
    }
}
