using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Providers.Anthropic;

namespace Switchboard.Benchmarks;

/// <summary>A recorded sequence of typed stream events, replayable into any client writer, so writers are compared on the very same input.</summary>
/// <remarks>
/// Recorded once by running <see cref="Recorded.AnthropicEventList"/> through the Anthropic translator: the start, the
/// text deltas, the finish and the usage (23 events), as a translated upstream hands them to the client's writer.
/// </remarks>
internal sealed class RecordedEvents : IChatStreamSink
{
    private readonly List<Stored> _events = [];

    private RecordedEvents()
    {
    }

    /// <summary>Gets the sequence the recorded Anthropic stream translates to.</summary>
    public static RecordedEvents FromAnthropicStream { get; } = RecordAnthropic();

    /// <summary>Gets the number of events recorded.</summary>
    public int Count => _events.Count;

    /// <summary>Gets the last usage recorded, which a writer's ending reports.</summary>
    public TokenUsage FinalUsage { get; private set; }

    /// <summary>Gets the answer's identity from its start event.</summary>
    public ChunkIdentity Identity { get; private set; }

    /// <inheritdoc/>
    public string? PassthroughProtocol => null;

    /// <summary>Writes every recorded event, in order, to <paramref name="sink"/>.</summary>
    public void ReplayInto(IChatStreamSink sink)
    {
        foreach (var e in _events)
        {
            var streamEvent = e.Kind switch
            {
                ChatStreamEventKind.Start => ChatStreamEvent.Start(e.Identity, e.Choice),
                ChatStreamEventKind.TextDelta => ChatStreamEvent.Text(e.Data, e.Choice),
                ChatStreamEventKind.ReasoningDelta => ChatStreamEvent.Reasoning(e.Data, e.Choice),
                ChatStreamEventKind.ReasoningSignature => ChatStreamEvent.ReasoningSignature(e.Data, e.Choice),
                ChatStreamEventKind.ToolCallStart => ChatStreamEvent.ToolCallStart(e.ToolIndex, e.Data, e.Name, e.Choice, e.Signature, e.Arguments),
                ChatStreamEventKind.ToolCallArgumentsDelta => ChatStreamEvent.ToolCallArguments(e.ToolIndex, e.Data, e.Choice),
                ChatStreamEventKind.Finish => ChatStreamEvent.Finish(e.FinishReason!, e.Choice),
                _ => ChatStreamEvent.ForUsage(e.Usage),
            };
            sink.Write(streamEvent);
        }
    }

    /// <inheritdoc/>
    public void Write(in ChatStreamEvent streamEvent)
    {
        _events.Add(new Stored(
            streamEvent.Kind, streamEvent.Choice, streamEvent.ToolIndex, streamEvent.Data.ToArray(), streamEvent.Name.ToArray(),
            streamEvent.Signature.ToArray(), streamEvent.Arguments.ToArray(), streamEvent.FinishReason, streamEvent.Usage, streamEvent.Identity));
        if (streamEvent.Kind == ChatStreamEventKind.Usage)
        {
            FinalUsage = streamEvent.Usage;
        }
        else if (streamEvent.Kind == ChatStreamEventKind.Start)
        {
            Identity = streamEvent.Identity;
        }
    }

    /// <inheritdoc/>
    public void WriteRaw(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        throw new InvalidOperationException("A recording takes typed events only.");

    private static RecordedEvents RecordAnthropic()
    {
        var recorded = new RecordedEvents();
        var translator = new AnthropicStreamTranslator("bench", "claude-sonnet-4-5", 1_732_200_000);
        foreach (var (name, data) in Recorded.AnthropicEventList)
        {
            translator.Translate(name, data, recorded);
        }

        return recorded;
    }

    private sealed record Stored(
        ChatStreamEventKind Kind, int Choice, int ToolIndex, byte[] Data, byte[] Name, byte[] Signature, byte[] Arguments, string? FinishReason, TokenUsage Usage, ChunkIdentity Identity);
}
