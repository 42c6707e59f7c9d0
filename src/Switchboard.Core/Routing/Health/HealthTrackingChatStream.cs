using Switchboard.Abstractions.Chat;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Core.Routing.Health;

/// <summary>Passes a stream through unchanged and records its end (completed or failed) as its source's and key's outcome.</summary>
/// <remarks>
/// A failure after the first byte can no longer fail over, but a source that keeps breaking mid-stream must still be
/// ejected, so success is only counted when the stream completes. A stream the client abandons or cancels counts for
/// neither. Outcomes before <see cref="Arm"/> (while the pipeline primes the stream) are the pipeline's to record.
/// Not thread-safe, like the stream it wraps.
/// </remarks>
internal sealed class HealthTrackingChatStream(IChatStream inner, RoutingState states, SourceEntry source, SourceTarget target) : IChatStream
{
    private bool _armed;
    private bool _completedWhilePriming;

    public TokenUsage Usage => inner.Usage;

    public UsageSource UsageSource => inner.UsageSource;

    public long DeliveredTextBytes => inner.DeliveredTextBytes;

    public string? FinishReason => inner.FinishReason;

    public UpstreamError? Error => inner.Error;

    public ChunkIdentity Identity => inner.Identity;

    public async ValueTask<StreamStep> ReadAsync(IChatStreamSink sink, CancellationToken cancellationToken)
    {
        var step = await inner.ReadAsync(sink, cancellationToken).ConfigureAwait(false);
        _completedWhilePriming |= !_armed && step == StreamStep.Completed;
        if (!_armed || step == StreamStep.Data || cancellationToken.IsCancellationRequested)
        {
            return step;
        }

        _armed = false;
        if (step == StreamStep.Completed)
        {
            states.RecordSuccess(source, target, latency: null);
        }
        else
        {
            states.RecordFailure(source, target, inner.Error ?? new UpstreamError(UpstreamErrorKind.ServerError, "The upstream stream failed."));
        }

        return step;
    }

    /// <summary>Starts counting failures: the stream passed its first byte and its success is recorded.</summary>
    public void Arm()
    {
        if (_completedWhilePriming)
        {
            // The pipeline replays a stream that ended while priming without reading again: it already succeeded.
            states.RecordSuccess(source, target, latency: null);
            return;
        }

        _armed = true;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
