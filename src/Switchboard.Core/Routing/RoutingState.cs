using System.Collections.Concurrent;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing.Failover;
using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Quotas;
using Switchboard.Core.Routing.Sessions;
using Switchboard.Core.Routing.Sharing;
using Switchboard.Core.Routing.Strategies;

namespace Switchboard.Core.Routing;

/// <summary>Keeps routing's runtime state, apart from the configuration snapshot: every key's, source's and model's state, sticky sessions and quota use.</summary>
/// <remarks>
/// <para>This is the one place for state that changes while requests run, as YARP keeps <c>DestinationState</c> apart from
/// its config model: key cooldowns (whole key and per model), invalid-key marks, quota blocks, circuit breakers, health
/// statistics, in-flight counts and rotation counters. The <see cref="RoutingSnapshot"/> stays immutable, and a reload
/// keeps all of it, because states are kept by stable ids (key id, platform-model id, model id).</para>
/// <para>After each attempt <see cref="FailoverPolicy"/> judges a failure and <see cref="RecordFailure"/> applies the
/// verdict. Every cooldown, invalid mark and ejection applied here is also published as a
/// <see cref="Abstractions.Storage.RuntimeMark"/> so other replicas learn of it (<see cref="SharedMarks"/>).</para>
/// <para>Singleton and thread-safe: states are created once per id and updated with atomics.</para>
/// </remarks>
internal sealed class RoutingState
{
    private readonly ConcurrentDictionary<long, KeyState> _keys = new();
    private readonly ConcurrentDictionary<long, SourceState> _sources = new();
    private readonly ConcurrentDictionary<string, ModelState> _models = new(StringComparer.Ordinal);

    /// <summary>Creates the state.</summary>
    /// <param name="time">The clock (virtual in tests and the simulator).</param>
    /// <param name="options">The tuning, or the defaults.</param>
    /// <param name="random">The random source for weighted choices, or the shared thread-safe one.</param>
    /// <param name="strategies">The strategies by name, or the built-in ones.</param>
    public RoutingState(TimeProvider time, RoutingOptions? options = null, Random? random = null, RoutingStrategySet? strategies = null)
    {
        Time = time;
        Options = options ?? RoutingOptions.Default;
        Random = random ?? Random.Shared;
        Strategies = strategies ?? RoutingStrategySet.BuiltIn;
        Policy = new FailoverPolicy(Options);
        Sessions = new StickySessionTable(Options);
        Quotas = new KeyQuotaStates(this);
        Marks = new SharedMarks(this);
    }

    public TimeProvider Time { get; }

    public RoutingOptions Options { get; }

    public Random Random { get; }

    public RoutingStrategySet Strategies { get; }

    /// <summary>Gets the failover decision.</summary>
    public FailoverPolicy Policy { get; }

    public StickySessionTable Sessions { get; }

    /// <summary>Gets the keys' quota consumption, which blocks a key whose quota is used up.</summary>
    public KeyQuotaStates Quotas { get; }

    /// <summary>Gets the marks this replica shares with the others, and applies theirs.</summary>
    public SharedMarks Marks { get; }

    /// <summary>Gets the current time in UTC ticks.</summary>
    public long NowTicks => Time.GetUtcNow().UtcTicks;

    /// <summary>Returns the state of a key by its state id.</summary>
    public KeyState Get(long id) => _keys.GetOrAdd(id, static _ => new KeyState());

    /// <summary>Returns the state of a source by its state id.</summary>
    public SourceState GetSource(long id) => _sources.GetOrAdd(id, static _ => new SourceState());

    /// <summary>Returns the state of a catalog model by its id.</summary>
    public ModelState GetModel(string id) => _models.GetOrAdd(id, static _ => new ModelState());

    /// <summary>Returns whether <paramref name="target"/> of <paramref name="source"/> may be tried now: its key is not invalid and neither it nor its pair with the source's model waits.</summary>
    public bool IsAvailable(SourceEntry source, SourceTarget target, long nowTicks) =>
        Get(target.StateId).IsAvailable(nowTicks, target.Key?.Fingerprint, source.Model.UpstreamModel);

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

    /// <summary>Records a failure of <paramref name="target"/> on <paramref name="source"/>: judges it with <see cref="Policy"/>, applies the verdict and shares the marks it set.</summary>
    public FailoverVerdict RecordFailure(SourceEntry source, SourceTarget target, UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(error);
        var verdict = Policy.Judge(error);
        if (verdict.Blame == FailureScope.None)
        {
            return verdict;
        }

        var now = NowTicks;
        var key = Get(target.StateId);
        if (verdict.Blame == FailureScope.Source)
        {
            var state = GetSource(source.StateId);
            state.Stats.RecordFailure(now, Options);
            if (state.Breaker.RecordFailure(now, state.Stats.SuccessRate, Options))
            {
                Marks.PublishEjection(source.StateId, state.Breaker.OpenUntilTicks, error);
            }
        }

        // A rate limit says nothing about the key's health; every other blame counts against it.
        if (error.Kind != UpstreamErrorKind.RateLimited)
        {
            key.Stats.RecordFailure(now, Options);
        }

        if (verdict.Blame == FailureScope.InvalidKey && target.Key is { } entry)
        {
            if (key.MarkInvalid(new InvalidKeyMark(entry.Fingerprint, SharedMarks.Reason(error), now)))
            {
                Marks.PublishInvalid(entry, error);
            }

            return verdict;
        }

        // A key-less source has no key to declare invalid: its "key" waits like a rejected one instead.
        var cooldown = verdict.Cooldown ?? (verdict.Blame == FailureScope.InvalidKey ? Options.RejectedKeyCooldown : null);
        if (cooldown is { } wait)
        {
            var until = now + wait.Ticks;
            var model = verdict.WholeKey ? "" : source.Model.UpstreamModel;
            if (model.Length == 0 ? key.CoolUntil(until) : key.CoolModelUntil(model, until))
            {
                Marks.PublishCooldown(target.StateId, model, until, error);
            }
        }

        return verdict;
    }

    /// <summary>Clears a key's invalid mark on this replica and every other (an admin revalidated it); returns whether it was marked.</summary>
    public bool Revalidate(long keyId)
    {
        var cleared = Get(keyId).ClearInvalid();
        Marks.PublishRevalidated(keyId);
        return cleared;
    }

    /// <summary>Describes a key's runtime status: invalid, cooling (the whole key, or every model in <paramref name="models"/>) or active.</summary>
    /// <param name="key">The key, as the snapshot holds it.</param>
    /// <param name="models">The upstream models the key serves (its platform's enabled models).</param>
    public KeyStatusReport Status(KeyEntry key, IReadOnlyCollection<string> models)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(models);
        var now = NowTicks;
        var state = Get(key.Id);
        if (state.Invalid is { } mark && mark.Covers(key.Fingerprint))
        {
            return new KeyStatusReport(KeyStatuses.Invalid, TimeSpan.Zero, mark.Reason);
        }

        if (state.IsCooling(now))
        {
            return new KeyStatusReport(KeyStatuses.Cooling, TimeSpan.FromTicks(state.AvailableAtTicks - now), null);
        }

        if (models.Count > 0)
        {
            var soonest = long.MaxValue;
            foreach (var model in models)
            {
                soonest = Math.Min(soonest, state.ModelCooldownUntilTicks(model, now));
            }

            if (soonest > now)
            {
                return new KeyStatusReport(KeyStatuses.Cooling, TimeSpan.FromTicks(soonest - now), null);
            }
        }

        return new KeyStatusReport(KeyStatuses.Active, TimeSpan.Zero, null);
    }

    /// <summary>Describes a source's derived health now.</summary>
    public SourceHealthReport Describe(SourceEntry source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var now = NowTicks;
        var state = GetSource(source.StateId);
        var cooling = source.Targets.Count(t => !IsAvailable(source, t, now));
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
}
