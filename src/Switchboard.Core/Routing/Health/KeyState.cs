namespace Switchboard.Core.Routing.Health;

/// <summary>Holds the runtime state of one key (or key-less source): its cooldown and its health statistics.</summary>
/// <remarks>Survives snapshot swaps because it is kept by key id. Thread-safe through atomic operations; no locks.</remarks>
internal sealed class KeyState
{
    private long _cooldownUntilTicks;

    /// <summary>Gets when the key may be used again (UTC ticks); 0 when it never cooled.</summary>
    public long CooldownUntilTicks => Interlocked.Read(ref _cooldownUntilTicks);

    /// <summary>Gets the key's success rate and latency.</summary>
    public HealthStats Stats { get; } = new();

    /// <summary>Returns whether the key is cooling at <paramref name="nowTicks"/>.</summary>
    public bool IsCooling(long nowTicks) => CooldownUntilTicks > nowTicks;

    /// <summary>Extends the cooldown to <paramref name="untilTicks"/>; never shortens one already longer.</summary>
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
}
