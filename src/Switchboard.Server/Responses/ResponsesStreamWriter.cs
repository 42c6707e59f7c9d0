using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;

namespace Switchboard.Server.Responses;

/// <summary>Writes an answer stream as the Responses API's typed SSE events, each <c>event: &lt;type&gt;</c> with a numbered <c>data</c> object.</summary>
/// <remarks>
/// <para>The order is OpenAI's: <c>response.created</c> and <c>response.in_progress</c>; per output item
/// <c>response.output_item.added</c>, its content events and <c>response.output_item.done</c>; then
/// <c>response.completed</c> (or <c>response.incomplete</c>) carrying the whole response with the final usage, or, on a
/// failure after the first byte, <c>response.failed</c> carrying the error.</para>
/// <para>Text goes to a message item (<c>response.content_part.added</c>, <c>response.output_text.delta</c>/<c>.done</c>,
/// <c>response.content_part.done</c>); reasoning to a reasoning item's summary
/// (<c>response.reasoning_summary_part.added</c>, <c>response.reasoning_summary_text.delta</c>/<c>.done</c>); each tool
/// call to a function call item (<c>response.function_call_arguments.delta</c>/<c>.done</c>). A message or reasoning item
/// ends when another item begins; function call items end with the answer, since an upstream may interleave the
/// arguments of parallel calls. Fragments are copied as JSON string literals, never decoded. Not thread-safe.</para>
/// </remarks>
internal sealed class ResponsesStreamWriter(ResponseDraft draft) : ClientStreamWriter
{
    private readonly List<ResponseOutputItem?> _calls = [];
    private ResponseOutputItem? _open;
    private string? _finishReason;
    private int _sequence;
    private bool _started;
    private bool _passthrough;

    /// <inheritdoc/>
    /// <remarks>A platform with <c>responses: native</c> streams the Responses API itself; its events reach the client unchanged.</remarks>
    public override string? PassthroughProtocol => ClientProtocols.OpenAIResponses;

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
            // Responses has one output; only OpenAI Chat's n makes other choices, and the translator never asks for them.
            return;
        }

        Start();
        switch (streamEvent.Kind)
        {
            case ChatStreamEventKind.TextDelta:
                var message = Open(ResponseOutputItemKind.Message);
                message.Text.AppendLiteral(streamEvent.Data);
                Delta("response.output_text.delta"u8, message, streamEvent.Data, content: true);
                break;
            case ChatStreamEventKind.ReasoningDelta:
                var reasoning = Open(ResponseOutputItemKind.Reasoning);
                reasoning.Text.AppendLiteral(streamEvent.Data);
                Delta("response.reasoning_summary_text.delta"u8, reasoning, streamEvent.Data, summary: true);
                break;
            case ChatStreamEventKind.ReasoningSignature:
                Open(ResponseOutputItemKind.Reasoning).Signature.AppendLiteral(streamEvent.Data);
                break;
            case ChatStreamEventKind.ToolCallStart:
                StartCall(streamEvent);
                break;
            case ChatStreamEventKind.ToolCallArgumentsDelta:
                if (streamEvent.ToolIndex < _calls.Count && _calls[streamEvent.ToolIndex] is { } call)
                {
                    call.Text.AppendLiteral(streamEvent.Data);
                    Delta("response.function_call_arguments.delta"u8, call, streamEvent.Data);
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
            // The upstream's own response.completed went out unchanged; the gateway adds nothing and stores nothing.
            return;
        }

        Start();
        Close();
        foreach (var call in _calls)
        {
            if (call is { IsDone: false })
            {
                CloseItem(call);
            }
        }

        draft.Usage = usage;
        draft.Finish(_finishReason);
        WriteResponse(draft.Status == "completed" ? "response.completed"u8 : "response.incomplete"u8);
    }

    /// <inheritdoc/>
    public override void Fail(GatewayError error)
    {
        if (_passthrough)
        {
            // The client holds the upstream's response, not the gateway's draft: end with the API's bare error event.
            var json = Begin("error"u8);
            json.WriteString("code"u8, error.Code);
            json.WriteString("message"u8, error.Message);
            json.WriteNull("param"u8);
            End(json);
            return;
        }

        Start();
        draft.Status = "failed";
        draft.Error = error;
        WriteResponse("response.failed"u8);
    }

    private void Start()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        WriteResponse("response.created"u8);
        WriteResponse("response.in_progress"u8);
    }

    /// <summary>Returns the open item of <paramref name="kind"/>, closing whatever else is open and announcing a new one when needed.</summary>
    private ResponseOutputItem Open(ResponseOutputItemKind kind)
    {
        if (_open is { } open && open.Kind == kind)
        {
            return open;
        }

        Close();
        var item = kind == ResponseOutputItemKind.Message ? ResponseOutputItem.Message() : ResponseOutputItem.Reasoning();
        Added(item);
        var writer = Begin(kind == ResponseOutputItemKind.Message ? "response.content_part.added"u8 : "response.reasoning_summary_part.added"u8, item);
        writer.WritePropertyName("part"u8);
        if (kind == ResponseOutputItemKind.Message)
        {
            item.WritePart(writer, empty: true);
        }
        else
        {
            item.WriteSummaryPart(writer, empty: true);
        }

        End(writer);
        _open = item;
        return item;
    }

    private void StartCall(in ChatStreamEvent streamEvent)
    {
        Close();
        var call = ResponseOutputItem.FunctionCall(streamEvent.Data, streamEvent.Name);
        call.ThoughtSignature = streamEvent.Signature.IsEmpty ? null : streamEvent.Signature.ToArray();
        while (_calls.Count <= streamEvent.ToolIndex)
        {
            _calls.Add(null);
        }

        _calls[streamEvent.ToolIndex] = call;
        Added(call);
        if (streamEvent.Arguments.Length > 2)
        {
            call.Text.AppendLiteral(streamEvent.Arguments);
            Delta("response.function_call_arguments.delta"u8, call, streamEvent.Arguments);
        }
    }

    private void Added(ResponseOutputItem item)
    {
        draft.Output.Add(item);
        var writer = Begin("response.output_item.added"u8);
        writer.WriteNumber("output_index"u8, draft.Output.Count - 1);
        writer.WritePropertyName("item"u8);
        item.Write(writer, withContent: false);
        End(writer);
    }

    /// <summary>Ends the open message or reasoning item, if any.</summary>
    private void Close()
    {
        if (_open is { } open)
        {
            _open = null;
            CloseItem(open);
        }
    }

    private void CloseItem(ResponseOutputItem item)
    {
        item.IsDone = true;
        Utf8JsonWriter writer;
        switch (item.Kind)
        {
            case ResponseOutputItemKind.Message:
                writer = Begin(item.IsRefusal ? "response.refusal.done"u8 : "response.output_text.done"u8, item, content: true);
                item.Text.Write(writer, item.IsRefusal ? "refusal"u8 : "text"u8);
                writer.WriteStartArray("logprobs"u8);
                writer.WriteEndArray();
                End(writer);
                writer = Begin("response.content_part.done"u8, item, content: true);
                writer.WritePropertyName("part"u8);
                item.WritePart(writer);
                End(writer);
                break;
            case ResponseOutputItemKind.Reasoning:
                if (!item.Text.IsEmpty)
                {
                    writer = Begin("response.reasoning_summary_text.done"u8, item, summary: true);
                    item.Text.Write(writer, "text"u8);
                    End(writer);
                }

                writer = Begin("response.reasoning_summary_part.done"u8, item, summary: true);
                writer.WritePropertyName("part"u8);
                item.WriteSummaryPart(writer);
                End(writer);
                break;
            case ResponseOutputItemKind.FunctionCall:
                writer = Begin("response.function_call_arguments.done"u8, item);
                writer.WritePropertyName("name"u8);
                writer.WriteRawValue(item.Name, skipInputValidation: true);
                item.Text.Write(writer, "arguments"u8);
                End(writer);
                break;
        }

        writer = Begin("response.output_item.done"u8);
        writer.WriteNumber("output_index"u8, draft.Output.IndexOf(item));
        writer.WritePropertyName("item"u8);
        item.Write(writer);
        End(writer);
    }

    private void Delta(ReadOnlySpan<byte> type, ResponseOutputItem item, ReadOnlySpan<byte> literal, bool content = false, bool summary = false)
    {
        var writer = Begin(type, item, content, summary);
        writer.WritePropertyName("delta"u8);
        writer.WriteRawValue(literal.Length >= 2 ? literal : "\"\""u8, skipInputValidation: true);
        if (content)
        {
            writer.WriteStartArray("logprobs"u8);
            writer.WriteEndArray();
        }

        End(writer);
    }

    private void WriteResponse(ReadOnlySpan<byte> type)
    {
        var writer = Begin(type);
        writer.WritePropertyName("response"u8);
        draft.Write(writer);
        End(writer);
    }

    /// <summary>Opens an event about <paramref name="item"/>: its id, output index and, for text, the content (or summary) index.</summary>
    private Utf8JsonWriter Begin(ReadOnlySpan<byte> type, ResponseOutputItem item, bool content = false, bool summary = false)
    {
        var writer = Begin(type);
        writer.WriteString("item_id"u8, item.Id);
        writer.WriteNumber("output_index"u8, draft.Output.IndexOf(item));
        if (content)
        {
            writer.WriteNumber("content_index"u8, 0);
        }

        if (summary)
        {
            writer.WriteNumber("summary_index"u8, 0);
        }

        return writer;
    }

    private Utf8JsonWriter Begin(ReadOnlySpan<byte> type)
    {
        WriteBytes("event: "u8);
        WriteBytes(type);
        WriteBytes("\ndata: "u8);
        var writer = JsonWriter();

        writer.WriteStartObject();
        writer.WriteString("type"u8, type);
        writer.WriteNumber("sequence_number"u8, _sequence++);
        return writer;
    }

    private void End(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.Flush();
        WriteBytes("\n\n"u8);
    }
}
