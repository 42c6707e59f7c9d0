using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Providers.Gemini;

namespace Switchboard.Server.Gemini;

/// <summary>Writes an answer stream as Gemini <c>streamGenerateContent</c> events: SSE (<c>alt=sse</c>) or the elements of one JSON array.</summary>
/// <remarks>
/// <para>Each text or thought delta is one <c>GenerateContentResponse</c> holding only the new part. A tool call is
/// written whole, with parsed <c>args</c>, once it is complete: its argument fragments are gathered until the next call
/// of the choice starts, the choice finishes, or the stream ends. The last event carries every candidate's
/// <c>finishReason</c> and the <c>usageMetadata</c> the request is recorded with; a failure after the first byte is one
/// <c>{"error":{…}}</c> event in Google's shape.</para>
/// <para>Reasoning is shown only when the client asked for thoughts; otherwise it is held back, and written as one thought
/// part only if a signature arrives for it, since an upstream that signs its reasoning needs it back. Text is copied
/// from the canonical events' JSON literals without decoding. Not thread-safe; one instance per stream.</para>
/// </remarks>
internal sealed class GeminiStreamWriter(string fallbackId, string requestedModel, bool includeThoughts, bool sse) : ClientStreamWriter
{
    private readonly List<ChoiceState> _choices = [];
    private string _id = fallbackId;
    private string _model = requestedModel;
    private bool _started;

    /// <inheritdoc/>
    public override void Write(in ChatStreamEvent streamEvent)
    {
        var state = StateOf(streamEvent.Choice);
        switch (streamEvent.Kind)
        {
            case ChatStreamEventKind.Start:
                // A failed attempt may have left a call or reasoning gathered but unwritten; the next attempt starts clean.
                _choices[streamEvent.Choice] = new ChoiceState();
                _id = streamEvent.Identity.Id ?? _id;
                _model = streamEvent.Identity.Model ?? _model;
                break;
            case ChatStreamEventKind.TextDelta:
                FlushCall(state, streamEvent.Choice);
                WriteTextPart(streamEvent.Choice, streamEvent.Data, thought: false);
                break;
            case ChatStreamEventKind.ReasoningDelta when includeThoughts:
                FlushCall(state, streamEvent.Choice);
                WriteTextPart(streamEvent.Choice, streamEvent.Data, thought: true);
                break;
            case ChatStreamEventKind.ReasoningDelta:
                (state.HiddenReasoning ??= new StringBuilder()).Append(JsonStringLiteral.Decode(streamEvent.Data));
                break;
            case ChatStreamEventKind.ReasoningSignature:
                FlushCall(state, streamEvent.Choice);
                WriteSignature(state, streamEvent.Choice, JsonStringLiteral.Decode(streamEvent.Data));
                break;
            case ChatStreamEventKind.ToolCallStart:
                FlushCall(state, streamEvent.Choice);
                state.Call = new PendingCall(
                    JsonStringLiteral.Decode(streamEvent.Data),
                    JsonStringLiteral.Decode(streamEvent.Name),
                    streamEvent.Signature.IsEmpty ? null : JsonStringLiteral.Decode(streamEvent.Signature));
                if (streamEvent.Arguments.Length > 2)
                {
                    state.Call.Arguments.Append(JsonStringLiteral.Decode(streamEvent.Arguments));
                }

                break;
            case ChatStreamEventKind.ToolCallArgumentsDelta:
                state.Call?.Arguments.Append(JsonStringLiteral.Decode(streamEvent.Data));
                break;
            case ChatStreamEventKind.Finish:
                FlushCall(state, streamEvent.Choice);
                state.FinishReason = GeminiFinishReasons.FromOpenAI(streamEvent.FinishReason);
                break;
        }
    }

    /// <inheritdoc/>
    public override void Complete(TokenUsage usage, ChunkIdentity identity)
    {
        _id = identity.Id ?? _id;
        _model = identity.Model ?? _model;
        for (var choice = 0; choice < _choices.Count; choice++)
        {
            FlushCall(_choices[choice], choice);
        }

        var writer = Open();
        writer.WriteStartObject();
        writer.WriteStartArray("candidates"u8);
        for (var choice = 0; choice < Math.Max(1, _choices.Count); choice++)
        {
            var state = StateOf(choice);
            writer.WriteStartObject();
            writer.WriteStartObject("content"u8);
            writer.WriteString("role"u8, "model"u8);
            writer.WriteStartArray("parts"u8);
            writer.WriteStartObject();
            writer.WriteString("text"u8, ""u8);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteString("finishReason"u8, state.FinishReason ?? "STOP");
            writer.WriteNumber("index"u8, choice);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        GeminiParts.WriteTrailer(writer, usage, _model, _id);
        writer.WriteEndObject();
        Close(writer);
        if (!sse)
        {
            WriteBytes("]"u8);
        }
    }

    /// <inheritdoc/>
    public override void Fail(GatewayError error)
    {
        var writer = Open();
        GeminiErrorShape.WriteBody(writer, error);
        Close(writer);
        if (!sse)
        {
            WriteBytes("]"u8);
        }
    }

    private ChoiceState StateOf(int choice)
    {
        while (_choices.Count <= choice)
        {
            _choices.Add(new ChoiceState());
        }

        return _choices[choice];
    }

    private void WriteTextPart(int choice, ReadOnlySpan<byte> literal, bool thought)
    {
        var writer = Begin();
        writer.WriteStartObject();
        writer.WritePropertyName("text"u8);
        writer.WriteRawValue(literal.Length >= 2 ? literal : "\"\""u8, skipInputValidation: true);
        if (thought)
        {
            writer.WriteBoolean("thought"u8, true);
        }

        writer.WriteEndObject();
        End(writer, choice);
    }

    private void WriteSignature(ChoiceState state, int choice, string signature)
    {
        // Shown thoughts were written as they came; a signature then seals them in a part of its own.
        var text = includeThoughts ? "" : state.HiddenReasoning?.ToString() ?? "";
        state.HiddenReasoning = null;
        var writer = Begin();
        GeminiParts.WriteThought(writer, text, signature);
        End(writer, choice);
    }

    private void FlushCall(ChoiceState state, int choice)
    {
        if (state.Call is not { } call)
        {
            return;
        }

        state.Call = null;
        var writer = Begin();
        GeminiParts.WriteFunctionCall(writer, call.Id, call.Name, call.Arguments.ToString(), call.Signature);
        End(writer, choice);
    }

    private Utf8JsonWriter Begin()
    {
        var writer = Open();
        writer.WriteStartObject();
        writer.WriteStartArray("candidates"u8);
        writer.WriteStartObject();
        writer.WriteStartObject("content"u8);
        writer.WriteString("role"u8, "model"u8);
        writer.WriteStartArray("parts"u8);
        return writer;
    }

    private void End(Utf8JsonWriter writer, int choice)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteNumber("index"u8, choice);
        writer.WriteEndObject();
        writer.WriteEndArray();
        GeminiParts.WriteTrailer(writer, usage: null, _model, _id);
        writer.WriteEndObject();
        Close(writer);
    }

    private Utf8JsonWriter Open()
    {
        if (sse)
        {
            WriteBytes("data: "u8);
        }
        else
        {
            WriteBytes(_started ? ",\r\n"u8 : "["u8);
        }

        _started = true;
        var writer = JsonWriter();

        return writer;
    }

    private void Close(Utf8JsonWriter writer)
    {
        writer.Flush();
        if (sse)
        {
            WriteBytes("\r\n\r\n"u8);
        }
    }

    private sealed class ChoiceState
    {
        public PendingCall? Call { get; set; }

        public StringBuilder? HiddenReasoning { get; set; }

        public string? FinishReason { get; set; }
    }

    private sealed class PendingCall(string id, string name, string? signature)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string? Signature { get; } = signature;

        public StringBuilder Arguments { get; } = new();
    }
}
