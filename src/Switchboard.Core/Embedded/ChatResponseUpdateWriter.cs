using Microsoft.Extensions.AI;
using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;

namespace Switchboard.Core.Embedded;

/// <summary>Turns the canonical answer stream into <see cref="ChatResponseUpdate"/>s for the embedded <see cref="IChatClient"/>, with no JSON in between.</summary>
/// <remarks>
/// <para>Text and reasoning become one update each; a tool call's fragments are collected and its
/// <see cref="FunctionCallContent"/> is emitted whole with the finish, as <see cref="IChatClient"/> callers expect; the
/// usage the request is recorded with comes last. Only the first choice is kept (an <see cref="IChatClient"/> has one).
/// A failure after the first event is kept in <see cref="Failure"/> for the client to throw once it has handed over
/// what came before it.</para>
/// <para>The engine measures a stream's progress in bytes written to <see cref="ClientStreamWriter.Output"/> (it fails
/// over until the first ones exist), so each event the HTTP protocols would write also writes one byte there; the bytes
/// carry nothing else. Not thread-safe; one instance per stream.</para>
/// </remarks>
internal sealed class ChatResponseUpdateWriter : ClientStreamWriter
{
    private readonly List<ChatResponseUpdate> _pending = [];
    private readonly SortedDictionary<int, ToolCallBuilder> _toolCalls = [];
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;

    /// <summary>Gets the error the stream ended with after its first event, or null.</summary>
    public GatewayError? Failure { get; private set; }

    /// <inheritdoc/>
    public override void Write(in ChatStreamEvent streamEvent)
    {
        if (streamEvent.Kind == ChatStreamEventKind.Usage || streamEvent.Choice != 0)
        {
            // The final usage comes through Complete, with the figures the request is recorded with.
            return;
        }

        WriteBytes("."u8);
        switch (streamEvent.Kind)
        {
            case ChatStreamEventKind.Start:
                var identity = streamEvent.Identity;
                _responseId = identity.Id ?? _responseId;
                _modelId = identity.Model ?? _modelId;
                _createdAt = identity.Created == 0 ? _createdAt : DateTimeOffset.FromUnixTimeSeconds(identity.Created);
                Emit();
                break;
            case ChatStreamEventKind.TextDelta:
                Emit(new TextContent(JsonStringLiteral.Decode(streamEvent.Data)));
                break;
            case ChatStreamEventKind.ReasoningDelta:
                Emit(new TextReasoningContent(JsonStringLiteral.Decode(streamEvent.Data)));
                break;
            case ChatStreamEventKind.ReasoningSignature:
                // The signature seals the reasoning; a caller that sends the content back lets the upstream continue it.
                Emit(new TextReasoningContent(null) { ProtectedData = JsonStringLiteral.Decode(streamEvent.Data) });
                break;
            case ChatStreamEventKind.ToolCallStart:
                var call = ToolCall(streamEvent.ToolIndex);
                call.Id ??= Decode(streamEvent.Data);
                call.Name ??= Decode(streamEvent.Name);
                call.Arguments.Append(Decode(streamEvent.Arguments));
                break;
            case ChatStreamEventKind.ToolCallArgumentsDelta:
                ToolCall(streamEvent.ToolIndex).Arguments.Append(Decode(streamEvent.Data));
                break;
            case ChatStreamEventKind.Finish:
                var update = Emit();
                update.FinishReason = ChatResponses.FinishReason(streamEvent.FinishReason);
                AddToolCalls(update.Contents);
                break;
        }
    }

    /// <inheritdoc/>
    public override void Complete(TokenUsage usage, ChunkIdentity identity)
    {
        _responseId ??= identity.Id;
        _modelId ??= identity.Model;
        var update = Emit(new UsageContent(ChatResponses.Usage(usage)));

        // An upstream that ended without finishing its choice still hands over the calls it made.
        AddToolCalls(update.Contents);
    }

    /// <inheritdoc/>
    public override void Fail(GatewayError error) => Failure = error;

    /// <summary>Moves the updates written since the last call into <paramref name="into"/>.</summary>
    public void Drain(List<ChatResponseUpdate> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.AddRange(_pending);
        _pending.Clear();
    }

    private static string? Decode(ReadOnlySpan<byte> literal) => literal.IsEmpty ? null : JsonStringLiteral.Decode(literal);

    private ChatResponseUpdate Emit(AIContent? content = null)
    {
        var update = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = _responseId,
            ModelId = _modelId,
            CreatedAt = _createdAt,
        };
        if (content is not null)
        {
            update.Contents.Add(content);
        }

        _pending.Add(update);
        return update;
    }

    private ToolCallBuilder ToolCall(int index)
    {
        if (!_toolCalls.TryGetValue(index, out var builder))
        {
            builder = new ToolCallBuilder();
            _toolCalls[index] = builder;
        }

        return builder;
    }

    private void AddToolCalls(IList<AIContent> contents)
    {
        foreach (var call in _toolCalls.Values)
        {
            contents.Add(call.Build());
        }

        _toolCalls.Clear();
    }
}
