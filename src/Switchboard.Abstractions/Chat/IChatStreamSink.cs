namespace Switchboard.Abstractions.Chat;

/// <summary>Receives an answer stream: typed events from a translating upstream, or whole upstream SSE events when it passes through.</summary>
/// <remarks>
/// Each client protocol has one writer implementing this (and the embedded <c>IChatClient</c> one more). A provider calls
/// <see cref="WriteRaw"/> only when <see cref="PassthroughProtocol"/> names the protocol it speaks upstream; then it still
/// scans each event for usage, finish and errors, but the client gets the upstream's bytes. Not thread-safe.
/// </remarks>
public interface IChatStreamSink
{
    /// <summary>Gets the client protocol whose upstream events this sink takes unchanged, or null when it takes only typed events.</summary>
    string? PassthroughProtocol { get; }

    /// <summary>Writes one canonical event.</summary>
    void Write(in ChatStreamEvent streamEvent);

    /// <summary>Writes one whole upstream SSE event unchanged: its <c>event:</c> name (empty when it had none) and its <c>data:</c> payload.</summary>
    /// <remarks>Called only when the provider's protocol is <see cref="PassthroughProtocol"/>; the sink frames the event.</remarks>
    void WriteRaw(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);
}
