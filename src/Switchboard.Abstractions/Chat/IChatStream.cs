using System.Buffers;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Abstractions.Chat;

/// <summary>Reads an upstream stream as OpenAI <c>chat.completion.chunk</c> SSE events.</summary>
/// <remarks>
/// The engine owns the instance and disposes it. It is not thread-safe: one reader at a time.
/// Each call to <see cref="ReadAsync"/> writes only whole events (<c>data: {...}\n\n</c>) so a failure
/// never leaves half an event on the wire. Implementations never write <c>data: [DONE]</c>.
/// </remarks>
public interface IChatStream : IAsyncDisposable
{
    /// <summary>Reads the next part of the stream and writes the translated events to <paramref name="output"/>.</summary>
    ValueTask<StreamStep> ReadAsync(IBufferWriter<byte> output, CancellationToken cancellationToken);

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
