using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;

namespace Switchboard.Core.Caching;

/// <summary>Writes a stream through the client's own writer while recording its canonical events, and stores the answer when the stream completes whole.</summary>
/// <remarks>
/// It takes typed events only (<see cref="PassthroughProtocol"/> is null), so an upstream that speaks the client's
/// protocol is translated for a cacheable request instead of passed through byte for byte: that is what lets the answer
/// be stored once and replayed in any protocol. A failed or cut stream is never stored. Owns and disposes the inner writer.
/// </remarks>
internal sealed class CapturingStreamWriter(ClientStreamWriter inner, ResponseCache cache, CacheTicket ticket, int maxBytes) : ClientStreamWriter
{
    private readonly AnswerRecorder _recorder = new(maxBytes);

    /// <inheritdoc/>
    public override string? PassthroughProtocol => null;

    /// <inheritdoc/>
    public override void Write(in ChatStreamEvent streamEvent)
    {
        inner.Output = Output;
        inner.Write(streamEvent);
        _recorder.Add(streamEvent);
    }

    /// <inheritdoc/>
    public override void Complete(TokenUsage usage, ChunkIdentity identity)
    {
        inner.Output = Output;
        inner.Complete(usage, identity);
        if (_recorder.Build(usage, identity) is { } answer)
        {
            cache.Store(ticket, answer);
        }
    }

    /// <inheritdoc/>
    public override void Fail(GatewayError error)
    {
        _recorder.Spoil();
        inner.Output = Output;
        inner.Fail(error);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
