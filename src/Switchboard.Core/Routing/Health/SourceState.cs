namespace Switchboard.Core.Routing.Health;

/// <summary>Holds the runtime state of one source (a platform model): health statistics, circuit breaker, in-flight attempts and its key rotation's counter.</summary>
/// <remarks>Kept by source id, so it survives snapshot swaps. Thread-safe through atomic operations; no locks.</remarks>
internal sealed class SourceState
{
    private int _inFlight;
    private long _busySinceTicks;
    private int _keyTurns;

    /// <summary>Gets the source's success rate and latency.</summary>
    public HealthStats Stats { get; } = new();

    /// <summary>Gets the breaker that ejects and re-admits the source.</summary>
    public CircuitBreaker Breaker { get; } = new();

    /// <summary>Gets the attempts on this source that have not answered yet (streams count until their first byte).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Counts an attempt as started at <paramref name="nowTicks"/>.</summary>
    public void BeginAttempt(long nowTicks)
    {
        if (Interlocked.Increment(ref _inFlight) == 1)
        {
            Interlocked.Exchange(ref _busySinceTicks, nowTicks);
        }
    }

    /// <summary>Returns whether the source has had attempts in flight but no answer at all for far longer than it usually takes.</summary>
    /// <remarks>
    /// A source that starts hanging (no first byte until the timeout) gives no failure to count for a whole timeout,
    /// while every new request would still be sent to it; this catches it after a few typical latencies instead.
    /// </remarks>
    public bool IsStalled(long nowTicks, RoutingOptions options)
    {
        if (InFlight == 0)
        {
            return false;
        }

        var quietSince = Math.Max(Stats.LastResponseTicks, Interlocked.Read(ref _busySinceTicks));
        var limit = Math.Max(options.StallAfter.Ticks, (long)(Stats.LatencyMs * options.StallLatencyFactor * TimeSpan.TicksPerMillisecond));
        return nowTicks - quietSince > limit;
    }

    /// <summary>Counts an attempt as answered.</summary>
    public void EndAttempt() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Draws the next turn of the source's key rotation (see <see cref="KeyRotation"/>); 0 when it has one key or none.</summary>
    /// <remarks>The counter lives here, not in the snapshot's <see cref="KeyRotation"/>, so a reload does not restart the rotation.</remarks>
    public int NextKeyTurn(KeyRotation keys) => keys.Count <= 1 ? 0 : Interlocked.Increment(ref _keyTurns);
}
