using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Chat;

/// <summary>Reads an upstream answer stream and hands it on as canonical events (or, for the client's own protocol, unchanged).</summary>
/// <remarks>
/// The engine owns the instance and disposes it. It is not thread-safe: one reader at a time. Each call to
/// <see cref="ReadAsync"/> hands the sink only whole events, so a failure never leaves half an event on the wire.
/// Implementations never end the client's stream themselves (no <c>[DONE]</c>, no <c>message_stop</c> of their own
/// making): the client-protocol writer does that when the engine completes it.
/// </remarks>
public interface IChatStream : IAsyncDisposable
{
    /// <summary>Reads the next part of the stream and hands its events to <paramref name="sink"/>.</summary>
    ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken);

    /// <summary>Gets the usage seen so far: the reported totals once they arrive, else the delivered part.</summary>
    TokenUsage Usage { get; }

    /// <summary>Gets where <see cref="Usage"/> came from so far.</summary>
    UsageSource UsageSource { get; }

    /// <summary>Gets the number of UTF-8 bytes of text (content, reasoning and tool arguments) delivered so far.</summary>
    long DeliveredTextBytes { get; }

    /// <summary>Gets the finish reason once the upstream sent one.</summary>
    string? FinishReason { get; }

    /// <summary>Gets the failure when <see cref="ReadAsync"/> returned <see cref="StreamStep.Failed"/>.</summary>
    UpstreamError? Error { get; }

    /// <summary>Gets the chunk id, model and creation time the stream's chunks carry, once known.</summary>
    /// <remarks>The engine uses them to write the closing usage chunk; providers never write it themselves.</remarks>
    ChunkIdentity Identity { get; }
}
