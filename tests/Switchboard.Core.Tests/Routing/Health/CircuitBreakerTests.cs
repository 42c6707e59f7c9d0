using Switchboard.Core.Routing;
using Switchboard.Core.Routing.Health;

namespace Switchboard.Core.Tests.Routing.Health;

public sealed class CircuitBreakerTests
{
    private static readonly RoutingOptions Options = RoutingOptions.Default;
    private static readonly long Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
    private static readonly long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public void RecordFailure_OnceOrTwice_DoesNotEject()
    {
        var breaker = new CircuitBreaker();

        Assert.False(breaker.RecordFailure(Start, 0.9, Options));
        Assert.False(breaker.RecordFailure(Start, 0.8, Options));

        Assert.Equal(CircuitState.Closed, breaker.StateAt(Start));
    }

    [Fact]
    public void RecordFailure_ThreeInARow_EjectsForTheBaseTime()
    {
        var breaker = new CircuitBreaker();

        breaker.RecordFailure(Start, 0.9, Options);
        breaker.RecordFailure(Start, 0.8, Options);
        Assert.True(breaker.RecordFailure(Start, 0.7, Options));

        Assert.Equal(CircuitState.Open, breaker.StateAt(Start + (4 * Second)));
        Assert.Equal(CircuitState.HalfOpen, breaker.StateAt(Start + (5 * Second)));
    }

    [Fact]
    public void RecordSuccess_BetweenFailures_ResetsTheStreak()
    {
        var breaker = new CircuitBreaker();

        for (var i = 0; i < 5; i++)
        {
            breaker.RecordFailure(Start, 0.9, Options);
            breaker.RecordFailure(Start, 0.9, Options);
            breaker.RecordSuccess(Start, Options);
        }

        Assert.Equal(CircuitState.Closed, breaker.StateAt(Start));
    }

    [Fact]
    public void HalfOpen_TwoTrialSuccesses_Close()
    {
        var breaker = Ejected();
        var later = Start + (5 * Second);

        breaker.RecordSuccess(later, Options);
        Assert.Equal(CircuitState.HalfOpen, breaker.StateAt(later));
        breaker.RecordSuccess(later, Options);

        Assert.Equal(CircuitState.Closed, breaker.StateAt(later));
    }

    [Fact]
    public void HalfOpen_TrialFails_OpensAgainForTwiceAsLong()
    {
        var breaker = Ejected();
        var later = Start + (5 * Second);

        Assert.True(breaker.RecordFailure(later, 0.5, Options));

        Assert.Equal(CircuitState.Open, breaker.StateAt(later + (9 * Second)));
        Assert.Equal(CircuitState.HalfOpen, breaker.StateAt(later + (10 * Second)));
    }

    [Fact]
    public void Open_LateSuccessOfAnEarlierAttempt_DoesNotClose()
    {
        var breaker = Ejected();

        breaker.RecordSuccess(Start + Second, Options);
        breaker.RecordSuccess(Start + Second, Options);

        Assert.Equal(CircuitState.Open, breaker.StateAt(Start + Second));
    }

    [Fact]
    public void RecordFailure_LowSuccessRateWithoutStreak_EjectsOnlyAfterEnoughSamples()
    {
        var breaker = new CircuitBreaker();

        for (var i = 0; i < 4; i++)
        {
            Assert.False(breaker.RecordFailure(Start, 0.3, Options));
            breaker.RecordSuccess(Start, Options);
        }

        Assert.False(breaker.RecordFailure(Start, 0.3, Options));
        Assert.True(breaker.RecordFailure(Start, 0.3, Options));
    }

    [Fact]
    public void Reclosed_OneFailure_DoesNotEjectAgainDespiteALowAverage()
    {
        var breaker = Ejected();
        var later = Start + (5 * Second);
        breaker.RecordSuccess(later, Options);
        breaker.RecordSuccess(later, Options);

        Assert.False(breaker.RecordFailure(later, 0.2, Options));
        Assert.Equal(CircuitState.Closed, breaker.StateAt(later));
    }

    [Fact]
    public void Ejections_KeepHappening_GrowToTheCap()
    {
        var breaker = new CircuitBreaker();
        var now = Start;
        var lengths = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            breaker.RecordFailure(now, 0.9, Options);
            breaker.RecordFailure(now, 0.9, Options);
            breaker.RecordFailure(now, 0.9, Options);
            lengths.Add((breaker.OpenUntilTicks - now) / Second);
            now = breaker.OpenUntilTicks;
        }

        Assert.Equal([5L, 10, 20, 40, 80, 120, 120, 120], lengths);
    }

    private static CircuitBreaker Ejected()
    {
        var breaker = new CircuitBreaker();
        for (var i = 0; i < 3; i++)
        {
            breaker.RecordFailure(Start, 0.5, Options);
        }

        return breaker;
    }
}
