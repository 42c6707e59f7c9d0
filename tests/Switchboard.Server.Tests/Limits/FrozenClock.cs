namespace Switchboard.Server.Tests.Limits;

/// <summary>Reads one fixed instant, so a test's requests all fall in the same minute; timers still run on real time.</summary>
internal sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
