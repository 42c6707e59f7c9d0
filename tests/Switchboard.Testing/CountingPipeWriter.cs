using System.IO.Pipelines;

namespace Switchboard.Testing;

/// <summary>Passes writes to a connection's transport and counts the bytes handed over.</summary>
internal sealed class CountingPipeWriter(PipeWriter inner, Action<int> count) : PipeWriter
{
    public override void Advance(int bytes)
    {
        count(bytes);
        inner.Advance(bytes);
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
