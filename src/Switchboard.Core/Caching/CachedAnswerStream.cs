using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Answers;

namespace Switchboard.Core.Caching;

/// <summary>Replays a stored answer as one answer stream: each choice's opening, reasoning, text, whole tool calls and finish, then the usage.</summary>
/// <remarks>The whole answer is handed over in one read, which then reports <see cref="StreamStep.Completed"/>. Not thread-safe.</remarks>
internal sealed class CachedAnswerStream(CachedAnswer answer) : IChatStream
{
    private long _delivered;
    private bool _done;

    /// <inheritdoc/>
    public TokenUsage Usage => answer.Usage;

    /// <inheritdoc/>
    public UsageSource UsageSource => UsageSource.Cached;

    /// <inheritdoc/>
    public long DeliveredTextBytes => _delivered;

    /// <inheritdoc/>
    public string? FinishReason => answer.FinishReason;

    /// <inheritdoc/>
    public UpstreamError? Error => null;

    /// <inheritdoc/>
    public ChunkIdentity Identity { get; private set; }

    /// <inheritdoc/>
    public ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_done)
        {
            return ValueTask.FromResult(StreamStep.Completed);
        }

        _done = true;
        var parsed = ChatAnswer.Read(answer.Json);
        Identity = new ChunkIdentity(parsed.Id, parsed.Model, parsed.Created);
        foreach (var choice in parsed.Choices)
        {
            Replay(sink, choice);
        }

        sink.Write(ChatStreamEvent.ForUsage(answer.Usage));
        return ValueTask.FromResult(StreamStep.Completed);
    }

    private void Replay(IChatStreamSink sink, ChatAnswerChoice choice)
    {
        var index = choice.Index;
        sink.Write(ChatStreamEvent.Start(Identity, index));
        if (choice.Reasoning is { Length: > 0 } reasoning)
        {
            sink.Write(ChatStreamEvent.Reasoning(Literal(reasoning), index));
        }

        if (choice.ReasoningSignature is { Length: > 0 } signature)
        {
            sink.Write(ChatStreamEvent.ReasoningSignature(Literal(signature), index));
        }

        if (choice.Text is { Length: > 0 } text)
        {
            sink.Write(ChatStreamEvent.Text(Literal(text), index));
        }

        for (var i = 0; i < choice.ToolCalls.Count; i++)
        {
            var call = choice.ToolCalls[i];
            sink.Write(ChatStreamEvent.ToolCallStart(
                i, Literal(call.Id), Literal(call.Name), index, call.Signature is null ? default : Literal(call.Signature), Literal(call.Arguments)));
        }

        sink.Write(ChatStreamEvent.Finish(choice.FinishReason ?? "stop", index));
    }

    /// <summary>Returns <paramref name="text"/> as a JSON string literal, quotes included, counting its bytes as delivered.</summary>
    private byte[] Literal(string text)
    {
        var literal = JsonStringLiteral.Encode(text);
        _delivered += literal.Length - 2;
        return literal;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
