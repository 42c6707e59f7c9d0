namespace Switchboard.Core.Routing;

/// <summary>Holds the runtime health of one key (or key-less source): cooldown and failure streak. Survives snapshot swaps.</summary>
/// <remarks>Thread-safe through atomic operations; no locks on the hot path.</remarks>
internal sealed class KeyState
{
    private long _cooldownUntilTicks;
    private int _consecutiveFailures;

    /// <summary>Gets when the key may be used again (UTC ticks); 0 when it is not cooling.</summary>
    public long CooldownUntilTicks => Interlocked.Read(ref _cooldownUntilTicks);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    public bool IsCooling(long nowTicks) => CooldownUntilTicks > nowTicks;

    public void CoolUntil(long untilTicks)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _cooldownUntilTicks);
            if (current >= untilTicks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _cooldownUntilTicks, untilTicks, current) != current);
    }

    public int RecordFailure() => Interlocked.Increment(ref _consecutiveFailures);

    public void RecordSuccess()
    {
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
        }
    }
}
