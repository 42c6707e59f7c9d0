using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;

namespace Switchboard.Server.Anthropic;

/// <summary>Writes an answer stream as Anthropic Messages SSE events: <c>message_start</c>, content blocks, <c>message_delta</c> with the final usage, <c>message_stop</c>.</summary>
/// <remarks>
/// An Anthropic upstream's events pass through unchanged (<see cref="WriteRaw"/>), so every block type and beta feature
/// survives; its own <c>message_delta</c> and <c>message_stop</c> end the stream. A translated upstream's events become
/// blocks: each kind (text, thinking, tool use) opens a block, and the open block is closed when another kind starts,
/// as Anthropic never interleaves blocks. Only choice 0 is written (Anthropic has one answer per message). Text arrives
/// as JSON string literals and is copied without decoding. Not thread-safe; one instance per stream.
/// </remarks>
internal sealed class MessagesStreamWriter(string messageId, string model) : ClientStreamWriter
{
    private readonly List<int> _toolBlocks = [];
    private bool _started;
    private bool _passthrough;
    private int _nextBlock;
    private int _openBlock = -1;
    private BlockKind _openKind;
    private string? _finishReason;

    private enum BlockKind
    {
        None,
        Text,
        Thinking,
        ToolUse,
    }

    /// <inheritdoc/>
    public override string? PassthroughProtocol => ClientProtocols.AnthropicMessages;

    /// <inheritdoc/>
    public override void WriteRaw(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        _passthrough = true;
        WriteSseEvent(eventName, data);
    }

    /// <inheritdoc/>
    public override void Write(in ChatStreamEvent streamEvent)
    {
        if (streamEvent.Choice != 0)
        {
            return;
        }

        EnsureStarted();
        switch (streamEvent.Kind)
        {
            case ChatStreamEventKind.TextDelta:
                Open(BlockKind.Text, default, default);
                Delta(_openBlock, "text_delta"u8, "text"u8, streamEvent.Data);
                break;
            case ChatStreamEventKind.ReasoningDelta:
                Open(BlockKind.Thinking, default, default);
                Delta(_openBlock, "thinking_delta"u8, "thinking"u8, streamEvent.Data);
                break;
            case ChatStreamEventKind.ReasoningSignature:
                Open(BlockKind.Thinking, default, default);
                Delta(_openBlock, "signature_delta"u8, "signature"u8, streamEvent.Data);
                break;
            case ChatStreamEventKind.ToolCallStart:
                Close();
                Open(BlockKind.ToolUse, streamEvent.Data, streamEvent.Name);
                while (_toolBlocks.Count <= streamEvent.ToolIndex)
                {
                    _toolBlocks.Add(-1);
                }

                _toolBlocks[streamEvent.ToolIndex] = _openBlock;
                if (streamEvent.Arguments.Length > 2)
                {
                    Delta(_openBlock, "input_json_delta"u8, "partial_json"u8, streamEvent.Arguments);
                }

                break;
            case ChatStreamEventKind.ToolCallArgumentsDelta:
                // Arguments go to their call's block; an upstream that streams calls one after another keeps it the open one.
                var block = streamEvent.ToolIndex < _toolBlocks.Count ? _toolBlocks[streamEvent.ToolIndex] : -1;
                if (block >= 0 && streamEvent.Data.Length > 2)
                {
                    Delta(block, "input_json_delta"u8, "partial_json"u8, streamEvent.Data);
                }

                break;
            case ChatStreamEventKind.Finish:
                _finishReason = streamEvent.FinishReason;
                break;
        }
    }

    /// <inheritdoc/>
    public override void Complete(TokenUsage usage, ChunkIdentity identity)
    {
        if (_passthrough)
        {
            // The upstream's own message_delta and message_stop have gone through already.
            return;
        }

        EnsureStarted();
        Close();
        var writer = Begin("message_delta"u8);
        writer.WriteStartObject("delta"u8);
        writer.WriteString("stop_reason"u8, AnthropicWire.StopReason(_finishReason));
        writer.WriteNull("stop_sequence"u8);
        writer.WriteEndObject();
        AnthropicWire.WriteUsage(writer, usage);
        End(writer);
        End(Begin("message_stop"u8));
    }

    /// <inheritdoc/>
    public override void Fail(GatewayError error)
    {
        var writer = Open("error"u8);
        AnthropicErrorBody.Write(writer, error, requestId: null);
        writer.Flush();
        WriteBytes("\n\n"u8);
    }

    private void EnsureStarted()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var writer = Begin("message_start"u8);
        writer.WriteStartObject("message"u8);
        writer.WriteString("id"u8, messageId);
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteString("model"u8, model);
        writer.WriteStartArray("content"u8);
        writer.WriteEndArray();
        writer.WriteNull("stop_reason"u8);
        writer.WriteNull("stop_sequence"u8);

        // A translated upstream reports its counts at the end; message_delta carries the final ones.
        AnthropicWire.WriteUsage(writer, default);
        writer.WriteEndObject();
        End(writer);
    }

    private void Open(BlockKind kind, ReadOnlySpan<byte> toolId, ReadOnlySpan<byte> toolName)
    {
        if (_openKind == kind && kind != BlockKind.ToolUse)
        {
            return;
        }

        Close();
        _openBlock = _nextBlock++;
        _openKind = kind;
        var writer = Begin("content_block_start"u8);
        writer.WriteNumber("index"u8, _openBlock);
        writer.WriteStartObject("content_block"u8);
        switch (kind)
        {
            case BlockKind.Text:
                writer.WriteString("type"u8, "text"u8);
                writer.WriteString("text"u8, ""u8);
                break;
            case BlockKind.Thinking:
                writer.WriteString("type"u8, "thinking"u8);
                writer.WriteString("thinking"u8, ""u8);
                break;
            default:
                writer.WriteString("type"u8, "tool_use"u8);
                writer.WritePropertyName("id"u8);
                if (toolId.Length > 2)
                {
                    writer.WriteRawValue(toolId, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue($"toolu_{messageId}_{_openBlock}");
                }

                writer.WritePropertyName("name"u8);
                if (toolName.Length >= 2)
                {
                    writer.WriteRawValue(toolName, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(""u8);
                }

                writer.WriteStartObject("input"u8);
                writer.WriteEndObject();
                break;
        }

        writer.WriteEndObject();
        End(writer);
    }

    private void Close()
    {
        if (_openKind == BlockKind.None)
        {
            return;
        }

        var writer = Begin("content_block_stop"u8);
        writer.WriteNumber("index"u8, _openBlock);
        End(writer);
        _openKind = BlockKind.None;
    }

    private void Delta(int index, ReadOnlySpan<byte> type, ReadOnlySpan<byte> field, ReadOnlySpan<byte> jsonString)
    {
        var writer = Begin("content_block_delta"u8);
        writer.WriteNumber("index"u8, index);
        writer.WriteStartObject("delta"u8);
        writer.WriteString("type"u8, type);
        writer.WritePropertyName(field);
        if (jsonString.Length >= 2)
        {
            writer.WriteRawValue(jsonString, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(""u8);
        }

        writer.WriteEndObject();
        End(writer);
    }

    /// <summary>Starts an event whose data is <c>{"type":name,…}</c>.</summary>
    private Utf8JsonWriter Begin(ReadOnlySpan<byte> name)
    {
        var writer = Open(name);
        writer.WriteStartObject();
        writer.WriteString("type"u8, name);
        return writer;
    }

    private Utf8JsonWriter Open(ReadOnlySpan<byte> name)
    {
        WriteBytes("event: "u8);
        WriteBytes(name);
        WriteBytes("\ndata: "u8);
        var writer = JsonWriter();

        return writer;
    }

    private void End(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.Flush();
        WriteBytes("\n\n"u8);
    }
}
