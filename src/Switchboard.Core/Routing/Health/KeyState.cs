namespace Switchboard.Core.Routing.Health;

/// <summary>Holds the runtime state of one key (or key-less source): its cooldown and its health statistics.</summary>
/// <remarks>Survives snapshot swaps because it is kept by key id. Thread-safe through atomic operations; no locks.</remarks>
internal sealed class KeyState
{
    private long _cooldownUntilTicks;
    private long _quotaBlockedUntilTicks;

    /// <summary>Gets when the key may be used again (UTC ticks); 0 when it never cooled.</summary>
    public long CooldownUntilTicks => Interlocked.Read(ref _cooldownUntilTicks);

    /// <summary>Gets until when the key's quota is used up (UTC ticks: the end of its quota window); 0 when it is not.</summary>
    public long QuotaBlockedUntilTicks => Interlocked.Read(ref _quotaBlockedUntilTicks);

    /// <summary>Gets when both the cooldown and any quota block are over (UTC ticks).</summary>
    public long AvailableAtTicks => Math.Max(CooldownUntilTicks, QuotaBlockedUntilTicks);

    /// <summary>Gets the key's success rate and latency.</summary>
    public HealthStats Stats { get; } = new();

    /// <summary>Returns whether the key is cooling (or its quota is used up) at <paramref name="nowTicks"/>.</summary>
    public bool IsCooling(long nowTicks) => CooldownUntilTicks > nowTicks || QuotaBlockedUntilTicks > nowTicks;

    /// <summary>Skips the key until <paramref name="untilTicks"/> because its quota is used up; unlike a cooldown, a later block replaces it.</summary>
    public void BlockForQuota(long untilTicks) => Interlocked.Exchange(ref _quotaBlockedUntilTicks, untilTicks);

    /// <summary>Lifts a quota block (the quota was raised or removed, or the window rolled over).</summary>
    public void ClearQuotaBlock() => Interlocked.Exchange(ref _quotaBlockedUntilTicks, 0);

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
