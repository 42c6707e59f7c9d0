namespace Switchboard.Core.Routing.Health;

/// <summary>Keeps moving averages of one key's or source's success rate and latency (time to first byte).</summary>
/// <remarks>
/// Thread-safe without locks: each average is one double updated by compare-and-swap. The latency average is
/// time-weighted, so a sample after a long silence counts for more than one among many in the same second.
/// </remarks>
internal sealed class HealthStats
{
    private double _successRate = 1;
    private double _latencyMs;
    private long _lastLatencyTicks;
    private long _lastResultTicks;
    private long _successes;
    private long _failures;

    /// <summary>Gets the moving success rate, 1 before any result.</summary>
    public double SuccessRate => Volatile.Read(ref _successRate);

    /// <summary>Gets the moving latency in milliseconds, 0 before any success.</summary>
    public double LatencyMs => Volatile.Read(ref _latencyMs);

    /// <summary>Gets when the last latency sample arrived (UTC ticks), 0 before any.</summary>
    public long LastLatencyTicks => Interlocked.Read(ref _lastLatencyTicks);

    /// <summary>Gets when the source last answered at all: a first byte, a success or a failure (UTC ticks), 0 before any.</summary>
    public long LastResponseTicks => Math.Max(LastLatencyTicks, Interlocked.Read(ref _lastResultTicks));

    /// <summary>Gets the successes counted since start.</summary>
    public long Successes => Interlocked.Read(ref _successes);

    /// <summary>Gets the failures counted since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Records a success.</summary>
    public void RecordSuccess(long nowTicks, RoutingOptions options)
    {
        Interlocked.Increment(ref _successes);
        Interlocked.Exchange(ref _lastResultTicks, nowTicks);
        AtomicDouble.Blend(ref _successRate, 1, options.SuccessRateAlpha);
    }

    /// <summary>Records one latency sample (time to first byte).</summary>
    public void RecordLatency(TimeSpan latency, long nowTicks, RoutingOptions options)
    {
        var previous = Interlocked.Exchange(ref _lastLatencyTicks, nowTicks);
        var alpha = previous == 0
            ? 1
            : Math.Max(options.MinLatencyAlpha, 1 - Math.Exp(-(nowTicks - previous) / (double)options.LatencyTimeConstant.Ticks));
        AtomicDouble.Blend(ref _latencyMs, Math.Max(0, latency.TotalMilliseconds), Math.Min(1, alpha));
    }

    /// <summary>Records a failure.</summary>
    public void RecordFailure(long nowTicks, RoutingOptions options)
    {
        Interlocked.Increment(ref _failures);
        Interlocked.Exchange(ref _lastResultTicks, nowTicks);
        AtomicDouble.Blend(ref _successRate, 0, options.SuccessRateAlpha);
    }

    /// <summary>Returns the latency to rank by: the average, fading toward zero while no sample arrives (0 when never measured, so new sources get measured).</summary>
    public double RankingLatencyMs(long nowTicks, RoutingOptions options)
    {
        var last = LastLatencyTicks;
        if (last == 0)
        {
            return 0;
        }

        var idle = nowTicks - last;
        var latency = LatencyMs;
        return idle <= 0 ? latency : latency * Math.Exp(-idle / (double)options.RankingDecay.Ticks);
    }

    /// <summary>Returns the success rate to rank by: the average, its shortfall fading while no result arrives, so an old bad spell is forgiven.</summary>
    public double RankingSuccessRate(long nowTicks, RoutingOptions options)
    {
        var rate = SuccessRate;
        var idle = nowTicks - Interlocked.Read(ref _lastResultTicks);
        return idle <= 0 || rate >= 1 ? rate : 1 - ((1 - rate) * Math.Exp(-idle / (double)options.RankingDecay.Ticks));
    }

    /// <summary>Returns a score in [0, 1] to rank by: the success rate, halved at <see cref="RoutingOptions.LatencyScoreScale"/> of latency; both fade toward healthy while unused.</summary>
    public double Score(long nowTicks, RoutingOptions options) =>
        RankingSuccessRate(nowTicks, options) / (1 + (RankingLatencyMs(nowTicks, options) / options.LatencyScoreScale.TotalMilliseconds));
}
