namespace Switchboard.Core.Routing;

/// <summary>Holds the tuning of routing and passive health: cooldowns, outlier ejection, half-open trials, latency smoothing and sticky sessions.</summary>
/// <remarks>Immutable; the defaults were tuned with the routing simulator (<c>bench/Switchboard.Simulator</c>).</remarks>
internal sealed record RoutingOptions
{
    /// <summary>Gets the defaults.</summary>
    public static RoutingOptions Default { get; } = new();

    /// <summary>Gets how long a key cools after a 429 without Retry-After.</summary>
    public TimeSpan DefaultRateLimitCooldown { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the cap on an upstream's Retry-After, so one odd header cannot bench a key for hours; the client is told the capped value.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets how long a key waits after the provider refused it for lack of quota (the whole key) or permission (that model); a 401 marks it invalid instead.</summary>
    public TimeSpan RejectedKeyCooldown { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets how many source failures in a row eject a source (one failure never does).</summary>
    public int EjectAfterConsecutiveFailures { get; init; } = 3;

    /// <summary>Gets the success rate under which a source is ejected once it has enough samples since it last closed.</summary>
    public double EjectBelowSuccessRate { get; init; } = 0.5;

    /// <summary>Gets how many results since the last close the success-rate rule needs, so a re-admitted source is not judged by its past.</summary>
    public int MinSamplesForRate { get; init; } = 10;

    /// <summary>Gets the first ejection's length; each ejection that follows soon after doubles it.</summary>
    public TimeSpan BaseEjectionTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the longest ejection, and how long a source must stay closed before its ejections start again from the base.</summary>
    public TimeSpan MaxEjectionTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets how many half-open trials must succeed before the source takes full traffic again.</summary>
    public int HalfOpenSuccessesToClose { get; init; } = 2;

    /// <summary>Gets how many attempts may be in flight on a half-open source at once.</summary>
    public int HalfOpenTrials { get; init; } = 1;

    /// <summary>Gets the weight of one result in the success-rate moving average (about 1/window).</summary>
    public double SuccessRateAlpha { get; init; } = 0.1;

    /// <summary>Gets the smallest weight of one latency sample, so a busy source's average still moves per sample.</summary>
    public double MinLatencyAlpha { get; init; } = 0.1;

    /// <summary>Gets the time constant of the latency average: a sample after this long idle carries about 63% of the weight.</summary>
    public TimeSpan LatencyTimeConstant { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how fast an unused source's latency estimate and failure record fade for ranking, so a source avoided for being slow or failing is tried again.</summary>
    public TimeSpan RankingDecay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the latency at which the health score halves.</summary>
    public TimeSpan LatencyScoreScale { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the shortest silence (attempts in flight, no answer) after which a source counts as stalled and is tried last.</summary>
    public TimeSpan StallAfter { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets how many typical latencies of silence make a source stalled, when that is longer than <see cref="StallAfter"/>.</summary>
    public double StallLatencyFactor { get; init; } = 4;

    /// <summary>Gets how long a sticky session binding lives without use.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the most sticky sessions kept; past it new sessions are not bound (stickiness is best effort).</summary>
    public int MaxSessions { get; init; } = 100_000;
}
