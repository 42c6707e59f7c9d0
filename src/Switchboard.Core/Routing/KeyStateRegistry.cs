using System.Collections.Concurrent;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Quotas;
using Switchboard.Core.Routing.Sessions;
using Switchboard.Core.Routing.Strategies;

namespace Switchboard.Core.Routing;

/// <summary>Keeps the runtime routing state that outlives snapshots: key cooldowns, key and source health, sticky sessions.</summary>
/// <remarks>
/// <para>After each attempt: a 429 cools that key for the upstream's Retry-After (capped) or a short default; a rejected
/// key (401, 403, no quota) cools that key for longer while the platform's other keys carry on; a source failure (5xx,
/// 529, connect, timeout, malformed answer) counts toward the source's ejection; a client error changes nothing.</para>
/// <para>Singleton and thread-safe: states are created once per id and updated with atomics.</para>
/// </remarks>
internal sealed class KeyStateRegistry
{
    private readonly ConcurrentDictionary<long, KeyState> _keys = new();
    private readonly ConcurrentDictionary<long, SourceState> _sources = new();

    /// <summary>Creates the registry.</summary>
    /// <param name="time">The clock (virtual in tests and the simulator).</param>
    /// <param name="options">The tuning, or the defaults.</param>
    /// <param name="random">The random source for weighted choices, or the shared thread-safe one.</param>
    /// <param name="strategies">The strategies by name, or the built-in ones.</param>
    public KeyStateRegistry(TimeProvider time, RoutingOptions? options = null, Random? random = null, RoutingStrategySet? strategies = null)
    {
        Time = time;
        Options = options ?? RoutingOptions.Default;
        Random = random ?? Random.Shared;
        Strategies = strategies ?? RoutingStrategySet.BuiltIn;
        Sessions = new StickySessionTable(Options);
        Quotas = new KeyQuotaStates(this);
    }

    public TimeProvider Time { get; }

    public RoutingOptions Options { get; }

    public Random Random { get; }

    public RoutingStrategySet Strategies { get; }

    public StickySessionTable Sessions { get; }

    /// <summary>Gets the keys' quota consumption, which blocks a key whose quota is used up.</summary>
    public KeyQuotaStates Quotas { get; }

    /// <summary>Gets the current time in UTC ticks.</summary>
    public long NowTicks => Time.GetUtcNow().UtcTicks;

    /// <summary>Returns the state of a key by its state id.</summary>
    public KeyState Get(long id) => _keys.GetOrAdd(id, static _ => new KeyState());

    /// <summary>Returns the state of a source by its state id.</summary>
    public SourceState GetSource(long id) => _sources.GetOrAdd(id, static _ => new SourceState());

    /// <summary>Records that <paramref name="target"/> on <paramref name="source"/> answered, with its time to first byte when known.</summary>
    public void RecordSuccess(SourceEntry source, SourceTarget target, TimeSpan? latency)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var now = NowTicks;
        var state = GetSource(source.StateId);
        var key = Get(target.StateId);
        if (latency is { } firstByte)
        {
            state.Stats.RecordLatency(firstByte, now, Options);
            key.Stats.RecordLatency(firstByte, now, Options);
        }

        state.Stats.RecordSuccess(now, Options);
        state.Breaker.RecordSuccess(now, Options);
        key.Stats.RecordSuccess(now, Options);
    }

    /// <summary>Records a stream's time to first byte; whether it succeeds is recorded when it ends.</summary>
    public void RecordFirstByte(SourceEntry source, SourceTarget target, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var now = NowTicks;
        GetSource(source.StateId).Stats.RecordLatency(latency, now, Options);
        Get(target.StateId).Stats.RecordLatency(latency, now, Options);
    }

    /// <summary>Records a failure of <paramref name="target"/> on <paramref name="source"/>; returns what it blamed.</summary>
    public FailureScope RecordFailure(SourceEntry source, SourceTarget target, UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(error);
        var now = NowTicks;
        var key = Get(target.StateId);
        var scope = FailureScopes.Classify(error.Kind);
        switch (scope)
        {
            case FailureScope.RateLimit:
                key.CoolUntil(now + Clamp(error.RetryAfter ?? Options.DefaultRateLimitCooldown).Ticks);
                break;
            case FailureScope.Key:
                key.Stats.RecordFailure(now, Options);
                key.CoolUntil(now + Options.InvalidKeyCooldown.Ticks);
                break;
            case FailureScope.Source:
                var state = GetSource(source.StateId);
                state.Stats.RecordFailure(now, Options);
                state.Breaker.RecordFailure(now, state.Stats.SuccessRate, Options);
                key.Stats.RecordFailure(now, Options);

                // An overloaded upstream that says when to come back is believed, for this key at least.
                if (error.RetryAfter is { } wait)
                {
                    key.CoolUntil(now + Clamp(wait).Ticks);
                }

                break;
        }

        return scope;
    }

    /// <summary>Describes a source's derived health now.</summary>
    public SourceHealthReport Describe(SourceEntry source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = NowTicks;
        var state = GetSource(source.StateId);
        var cooling = source.Targets.Count(t => Get(t.StateId).IsCooling(now));
        var stats = state.Stats;
        var level = state.Breaker.StateAt(now) switch
        {
            CircuitState.Open => "ejected",
            _ when source.Targets.Count > 0 && cooling == source.Targets.Count => "cooling",
            CircuitState.HalfOpen => "degraded",
            _ when state.IsStalled(now, Options) || stats.SuccessRate < 0.9 => "degraded",
            _ when stats.Successes + stats.Failures == 0 => "unknown",
            _ => "healthy",
        };
        return new SourceHealthReport(source.Address, level, stats.Score(now, Options), stats.SuccessRate, stats.LatencyMs, state.InFlight, state.Breaker.Ejections, cooling);
    }

    private TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Options.MaxRetryAfter ? Options.MaxRetryAfter : wait;
}
