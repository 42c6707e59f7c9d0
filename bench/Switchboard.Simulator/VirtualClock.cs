namespace Switchboard.Simulator;

/// <summary>A clock the simulation moves forward event by event; timestamps follow the same time.</summary>
internal sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public long Ticks => _ticks;

    public override DateTimeOffset GetUtcNow() => new(_ticks, TimeSpan.Zero);

    public override long GetTimestamp() => _ticks;

    public void MoveTo(long ticks) => _ticks = Math.Max(_ticks, ticks);
}
