namespace Switchboard.Core.Routing.Health;

/// <summary>Ejects a source that keeps failing and re-admits it through half-open trials, with hysteresis so one failure never ejects.</summary>
/// <remarks>
/// <para>Closed to open: <see cref="RoutingOptions.EjectAfterConsecutiveFailures"/> failures in a row, or a success rate under
/// <see cref="RoutingOptions.EjectBelowSuccessRate"/> once enough results arrived since the last close. Open lasts the base
/// ejection time, doubled for each ejection that follows soon after the previous one, up to the maximum.</para>
/// <para>When the time ends the breaker is half-open: trials succeed <see cref="RoutingOptions.HalfOpenSuccessesToClose"/>
/// times to close it; one failed trial opens it again for longer.</para>
/// <para>Thread-safe without locks: the phase is an immutable record swapped by compare-and-swap; transitions are rare.</para>
/// </remarks>
internal sealed class CircuitBreaker
{
    private Phase _phase = new(CircuitState.Closed, 0, 0, 0, 0);
    private int _consecutiveFailures;
    private int _samplesSinceClose;
    private long _ejections;

    /// <summary>Gets when the current or last ejection ends (UTC ticks).</summary>
    public long OpenUntilTicks => Volatile.Read(ref _phase).OpenUntilTicks;

    /// <summary>Gets how many times the source was ejected since start.</summary>
    public long Ejections => Interlocked.Read(ref _ejections);

    /// <summary>Gets the source failures in a row.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>Returns the state at <paramref name="nowTicks"/>; an ejection whose time ended reads as half-open.</summary>
    public CircuitState StateAt(long nowTicks)
    {
        var phase = Volatile.Read(ref _phase);
        return phase.State == CircuitState.Open && nowTicks >= phase.OpenUntilTicks ? CircuitState.HalfOpen : phase.State;
    }

    /// <summary>Records a success; closes the breaker after enough half-open trials.</summary>
    public void RecordSuccess(long nowTicks, RoutingOptions options)
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        Interlocked.Increment(ref _samplesSinceClose);
        while (true)
        {
            var phase = Volatile.Read(ref _phase);

            // A late answer to an attempt started before the ejection proves nothing about now.
            if (phase.State == CircuitState.Closed || nowTicks < phase.OpenUntilTicks)
            {
                return;
            }

            var trials = phase.TrialSuccesses + 1;
            var close = trials >= options.HalfOpenSuccessesToClose;
            var next = close
                ? phase with { State = CircuitState.Closed, TrialSuccesses = 0, ClosedAtTicks = nowTicks }
                : phase with { TrialSuccesses = trials };
            if (ReferenceEquals(Interlocked.CompareExchange(ref _phase, next, phase), phase))
            {
                if (close)
                {
                    Volatile.Write(ref _samplesSinceClose, 0);
                }

                return;
            }
        }
    }

    /// <summary>Records a source failure; returns whether it ejected the source.</summary>
    /// <param name="nowTicks">The current time in UTC ticks.</param>
    /// <param name="successRate">The source's moving success rate including this failure.</param>
    /// <param name="options">The thresholds.</param>
    public bool RecordFailure(long nowTicks, double successRate, RoutingOptions options)
    {
        var streak = Interlocked.Increment(ref _consecutiveFailures);
        var samples = Interlocked.Increment(ref _samplesSinceClose);
        while (true)
        {
            var phase = Volatile.Read(ref _phase);
            if (phase.State == CircuitState.Open && nowTicks < phase.OpenUntilTicks)
            {
                return false;
            }

            var eject = phase.State == CircuitState.Open
                || streak >= options.EjectAfterConsecutiveFailures
                || (samples >= options.MinSamplesForRate && successRate < options.EjectBelowSuccessRate);
            if (!eject)
            {
                return false;
            }

            var recovered = phase.State == CircuitState.Closed && nowTicks - phase.ClosedAtTicks > options.MaxEjectionTime.Ticks;
            var level = recovered ? 1 : phase.Level + 1;
            var duration = Math.Min(options.BaseEjectionTime.Ticks << Math.Min(level - 1, 20), options.MaxEjectionTime.Ticks);
            var next = new Phase(CircuitState.Open, nowTicks + duration, level, 0, phase.ClosedAtTicks);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _phase, next, phase), phase))
            {
                Volatile.Write(ref _consecutiveFailures, 0);
                Interlocked.Increment(ref _ejections);
                return true;
            }
        }
    }

    /// <summary>Ejects the source until <paramref name="untilTicks"/> because another replica ejected it; returns whether that changed anything.</summary>
    /// <remarks>Never shortens an ejection in force. The ejection level is kept, so the next local ejection still backs off from this replica's own history.</remarks>
    public bool EjectUntil(long untilTicks, long nowTicks)
    {
        while (true)
        {
            var phase = Volatile.Read(ref _phase);
            if (untilTicks <= nowTicks || (phase.State == CircuitState.Open && phase.OpenUntilTicks >= untilTicks))
            {
                return false;
            }

            var next = new Phase(CircuitState.Open, untilTicks, Math.Max(1, phase.Level), 0, phase.ClosedAtTicks);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _phase, next, phase), phase))
            {
                Volatile.Write(ref _consecutiveFailures, 0);
                return true;
            }
        }
    }

    /// <summary>One immutable phase of the breaker; only <see cref="CircuitState.Closed"/> and <see cref="CircuitState.Open"/> are stored.</summary>
    private sealed record Phase(CircuitState State, long OpenUntilTicks, int Level, int TrialSuccesses, long ClosedAtTicks);
}
