using System.Buffers;
using Switchboard.Abstractions.Chat;
using Switchboard.Core.Routing.Failover;
using Switchboard.Core.Routing.Health;
using Switchboard.Core.Routing.Log;
using Switchboard.Core.Routing.Strategies;

namespace Switchboard.Core.Routing;

/// <summary>Walks one request's ranked sources attempt by attempt, adapting to each failure, and records every outcome.</summary>
/// <remarks>
/// <para><see cref="AttemptPlanner"/> fills it with the admitted sources in strategy order. Enumerating yields the next
/// (source, key): a failure that blames a key (429, 401, 403, no quota) moves to the source's next key, a failure that
/// blames the source (5xx, timeout) moves to the next source, as <see cref="FailoverPolicy"/> judges it; keys or sources
/// that started cooling meanwhile are skipped. At most the attempt budget is yielded.</para>
/// <para>Yielding a target starts its attempt (latency clock and in-flight count) until <see cref="RecordSuccess"/>,
/// <see cref="RecordFailure"/>, the next target or <see cref="Dispose"/>. One per request; not thread-safe.</para>
/// </remarks>
internal sealed class AttemptPlan : IDisposable
{
    private readonly RoutingState _states;
    private readonly int _maxAttempts;
    private SourceCandidate[] _candidates = [];
    private int _count;
    private string? _sessionKey;
    private int _stickyKeyIndex = -1;
    private int _attempts;
    private int _index = -1;
    private int _keyCounter;
    private int _keyStep;
    private bool _leaveSource;
    private SourceEntry? _source;
    private SourceTarget? _target;
    private SourceState? _sourceState;
    private long _startedAt;
    private HealthTrackingChatStream? _tracked;
    private AttemptRecord[]? _log;
    private const int KeepNever = 0;
    private const int KeepWhenEventful = 1;
    private const int KeepAlways = 2;
    private int _keepDecision = KeepNever;
    private RoutingDecision? _kept;
    private UpstreamError? _lastError;
    private FailoverVerdict _lastVerdict;

    public AttemptPlan(RoutingState states, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(states);
        _states = states;
        _maxAttempts = Math.Max(1, maxAttempts);
    }

    public RoutingState States => _states;

    /// <summary>Gets the planned model.</summary>
    public CatalogEntry? Model { get; private set; }

    /// <summary>Gets the name of the strategy that ranked the sources.</summary>
    public string? StrategyName { get; private set; }

    /// <summary>Gets a value indicating whether a sticky session put its source first.</summary>
    public bool Sticky { get; private set; }

    /// <summary>Gets the admitted sources, best first.</summary>
    public ReadOnlySpan<SourceCandidate> Candidates => _candidates.AsSpan(0, _count);

    /// <summary>Gets a value indicating whether only ejected sources were left and were admitted anyway.</summary>
    public bool Panic { get; private set; }

    /// <summary>Gets a value indicating whether any source was admitted.</summary>
    public bool HasCandidates => _count > 0;

    /// <summary>Gets the attempts started so far.</summary>
    public int Attempts => _attempts;

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Records that the current attempt answered (for streams: produced its first bytes).</summary>
    public void RecordSuccess()
    {
        if (_source is not { } source || _target is not { } target)
        {
            return;
        }

        var firstByte = _states.Time.GetElapsedTime(_startedAt);
        Note(_tracked is null ? "success" : "first_byte", null, firstByte);
        if (_tracked is { } stream)
        {
            // A stream is judged when it ends: one that keeps breaking after its first byte must still be ejected.
            _states.RecordFirstByte(source, target, firstByte);
            stream.Arm();
        }
        else
        {
            _states.RecordSuccess(source, target, firstByte);
        }

        if (_sessionKey is not null && Model is not null)
        {
            _states.Sessions.Bind(Model.Id, _sessionKey, source.StateId, target.StateId, _states.NowTicks);
        }

        EndAttempt();
    }

    /// <summary>Records that the current attempt failed; returns the failover verdict (what it blamed, the cooldown applied, whether another attempt may follow).</summary>
    public FailoverVerdict RecordFailure(UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (_source is not { } source || _target is not { } target)
        {
            return _states.Policy.Judge(error) with { Blame = FailureScope.None, Cooldown = null };
        }

        var verdict = _states.RecordFailure(source, target, error);
        Note(error.Kind.ToString(), verdict.BlameName, _states.Time.GetElapsedTime(_startedAt));
        _leaveSource |= verdict.LeavesSource;
        _lastError = error;
        _lastVerdict = verdict;
        EndAttempt();
        return verdict;
    }

    /// <summary>Returns <paramref name="error"/> as the client should see it: when it is the last failure recorded, its Retry-After is the cooldown actually applied.</summary>
    public UpstreamError? AsApplied(UpstreamError? error) =>
        error is not null && ReferenceEquals(error, _lastError) ? FailoverPolicy.AsApplied(error, _lastVerdict) : error;

    /// <summary>Wraps the current attempt's stream so that, once it passed its first byte, its end is recorded as the attempt's outcome.</summary>
    public IChatStream Track(IChatStream stream)
    {
        if (_source is not { } source || _target is not { } target)
        {
            return stream;
        }

        _tracked = new HealthTrackingChatStream(stream, _states, source, target);
        return _tracked;
    }

    /// <summary>
    /// Asks the plan to keep its decision when disposed, for a request that ends later (a stream): always, or only when
    /// the routing was eventful (a retry, a failure, or a stream whose outcome is not known yet), which is all the
    /// routing log writes unless it samples the request's success.
    /// </summary>
    public void KeepDecision(bool always) => _keepDecision = always ? KeepAlways : KeepWhenEventful;

    private bool Eventful => _attempts > 1 || (_log is not null && _attempts == 1 && _log[0].Outcome != "success");

    /// <summary>Describes the routing of this request so far (or as it was when disposed), for the routing log.</summary>
    public RoutingDecision Describe()
    {
        if (_kept is { } kept)
        {
            return kept;
        }

        var candidates = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            candidates[i] = _candidates[i].Source.ToString();
        }

        return new RoutingDecision
        {
            Model = Model?.Id ?? "",
            Strategy = StrategyName ?? RoutingStrategies.Default,
            Candidates = candidates,
            SourceCount = Model?.Sources.Count ?? 0,
            Sticky = Sticky,
            Panic = Panic,
            Attempts = _log is null ? [] : _log[.._attempts],
        };
    }

    public void Dispose()
    {
        EndAttempt();
        if ((_keepDecision == KeepAlways || (_keepDecision == KeepWhenEventful && Eventful)) && _kept is null && Model is not null)
        {
            _kept = Describe();
        }

        if (_candidates.Length > 0)
        {
            ArrayPool<SourceCandidate>.Shared.Return(_candidates, clearArray: true);
            _candidates = [];
        }

        _count = 0;
    }

    /// <summary>Starts planning <paramref name="model"/>; returns room for one candidate per source.</summary>
    internal Span<SourceCandidate> Start(CatalogEntry model, string? sessionKey, string strategyName)
    {
        Dispose();
        _kept = null;
        Model = model;
        StrategyName = strategyName;
        _sessionKey = string.IsNullOrEmpty(sessionKey) ? null : sessionKey;
        _candidates = ArrayPool<SourceCandidate>.Shared.Rent(Math.Max(1, model.Sources.Count));
        _attempts = 0;
        _log = null;
        _lastError = null;
        _index = -1;
        Sticky = false;
        _stickyKeyIndex = -1;
        return _candidates;
    }

    /// <summary>Finishes planning with <paramref name="count"/> ranked candidates; a sticky key index applies to the first.</summary>
    internal void Commit(int count, bool sticky, int stickyKeyIndex, bool panic)
    {
        _count = count;
        Panic = panic;
        Sticky = sticky;
        _stickyKeyIndex = sticky ? stickyKeyIndex : -1;
    }

    private bool TryNext(out (SourceEntry Source, SourceTarget Target) next)
    {
        EndAttempt();
        next = default;
        if (_attempts >= _maxAttempts)
        {
            return false;
        }

        var now = _states.NowTicks;
        while (true)
        {
            if (_index < 0 || _leaveSource || !TryNextKey(now, out var target))
            {
                if (++_index >= _count)
                {
                    return false;
                }

                _leaveSource = !Panic && _candidates[_index].State.Breaker.StateAt(now) == CircuitState.Open;
                _keyStep = 0;
                _keyCounter = _candidates[_index].State.NextKeyTurn(_candidates[_index].Source.Keys);
                continue;
            }

            var candidate = _candidates[_index];
            _source = candidate.Source;
            _target = target;
            _sourceState = candidate.State;
            _sourceState.BeginAttempt(now);
            _startedAt = _states.Time.GetTimestamp();
            _log ??= new AttemptRecord[_maxAttempts];
            _log[_attempts] = new AttemptRecord(candidate.Source.ToString(), target.Key?.Id, "abandoned", null, 0);
            _attempts++;
            next = (candidate.Source, target);
            return true;
        }
    }

    private bool TryNextKey(long now, out SourceTarget target)
    {
        var source = _candidates[_index].Source;
        var targets = source.Targets;
        var sticky = _index == 0 ? _stickyKeyIndex : -1;
        var steps = targets.Count + (sticky >= 0 ? 1 : 0);
        while (_keyStep < steps)
        {
            var step = _keyStep++;
            int index;
            if (sticky < 0)
            {
                index = source.Keys.IndexAt(_keyCounter, step);
            }
            else if (step == 0)
            {
                index = sticky;
            }
            else
            {
                index = source.Keys.IndexAt(_keyCounter, step - 1);
                if (index == sticky)
                {
                    continue;
                }
            }

            var candidate = targets[index];
            if (_states.IsAvailable(source, candidate, now))
            {
                target = candidate;
                return true;
            }
        }

        target = null!;
        return false;
    }

    private void Note(string outcome, string? blamed, TimeSpan duration)
    {
        if (_log is not null && _attempts > 0)
        {
            _log[_attempts - 1] = _log[_attempts - 1] with { Outcome = outcome, Blamed = blamed, DurationMs = duration.TotalMilliseconds };
        }
    }

    private void EndAttempt()
    {
        _sourceState?.EndAttempt();
        _sourceState = null;
        _source = null;
        _target = null;
        _tracked = null;
    }

    /// <summary>Yields the next attempt's (source, key) lazily, so each step sees the previous outcome.</summary>
    public struct Enumerator(AttemptPlan plan)
    {
        private (SourceEntry Source, SourceTarget Target) _current;

        public readonly (SourceEntry Source, SourceTarget Target) Current => _current;

        public bool MoveNext() => plan.TryNext(out _current);
    }
}
