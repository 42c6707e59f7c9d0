namespace Switchboard.Providers.Http;

/// <summary>Cancels a stream read when the upstream stays silent too long; re-armed before every read.</summary>
/// <remarks>Only real data re-arms it: keep-alive comments count as data only if the protocol says so.</remarks>
internal sealed class IdleTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _idle;

    public IdleTimeout(TimeSpan idle, CancellationToken requestAborted)
    {
        _idle = idle;
        RequestAborted = requestAborted;
        _source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
    }

    public CancellationToken RequestAborted { get; }

    /// <summary>Gets the token to pass to the next read.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Starts (or restarts) the idle clock.</summary>
    public void Arm() => _source.CancelAfter(_idle);

    /// <summary>Gets a value indicating whether a cancellation came from the idle clock rather than the client.</summary>
    public bool Expired => _source.IsCancellationRequested && !RequestAborted.IsCancellationRequested;

    public void Dispose() => _source.Dispose();
}
