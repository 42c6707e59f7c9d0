using System.Collections.Concurrent;

namespace Switchboard.Core.Routing.Health;

/// <summary>Holds the runtime state of one key (or key-less source): its cooldowns, its quota block, its invalid mark and its health statistics.</summary>
/// <remarks>
/// <para>A key waits at two scopes: the whole key (its account ran out of quota, or the provider said a limit is
/// account-wide) or one (key, upstream model) pair (a model's rate limit). An invalid mark (the provider refused the
/// key itself) holds until it is cleared, and only for the key version it names by fingerprint, so a replaced key is
/// usable at once.</para>
/// <para>Survives snapshot swaps because it is kept by key id. Thread-safe through atomic operations; no locks. The
/// request path reads two longs and a reference when nothing is cooling; the per-model table is consulted only while
/// some model of the key cools.</para>
/// </remarks>
internal sealed class KeyState
{
    private long _cooldownUntilTicks;
    private long _quotaBlockedUntilTicks;
    private long _latestModelCooldownTicks;
    private ConcurrentDictionary<string, long>? _modelCooldowns;
    private InvalidKeyMark? _invalid;

    /// <summary>Gets when the whole key may be used again (UTC ticks); 0 when it never cooled.</summary>
    public long CooldownUntilTicks => Interlocked.Read(ref _cooldownUntilTicks);

    /// <summary>Gets until when the key's quota is used up (UTC ticks: the end of its quota window); 0 when it is not.</summary>
    public long QuotaBlockedUntilTicks => Interlocked.Read(ref _quotaBlockedUntilTicks);

    /// <summary>Gets when both the whole-key cooldown and any quota block are over (UTC ticks).</summary>
    public long AvailableAtTicks => Math.Max(CooldownUntilTicks, QuotaBlockedUntilTicks);

    /// <summary>Gets the key's invalid mark, or null.</summary>
    public InvalidKeyMark? Invalid => Volatile.Read(ref _invalid);

    /// <summary>Gets the key's success rate and latency.</summary>
    public HealthStats Stats { get; } = new();

    /// <summary>Returns whether the whole key waits (cooldown or used-up quota) at <paramref name="nowTicks"/>.</summary>
    public bool IsCooling(long nowTicks) => CooldownUntilTicks > nowTicks || QuotaBlockedUntilTicks > nowTicks;

    /// <summary>Returns whether the key version named by <paramref name="fingerprint"/> is marked invalid.</summary>
    public bool IsInvalid(string? fingerprint) => Volatile.Read(ref _invalid) is { } mark && mark.Covers(fingerprint);

    /// <summary>Returns whether the key may serve <paramref name="model"/> now: not invalid, the whole key not waiting, and the pair not cooling.</summary>
    public bool IsAvailable(long nowTicks, string? fingerprint, string model) =>
        !IsCooling(nowTicks) && !IsInvalid(fingerprint) && ModelCooldownUntilTicks(model, nowTicks) <= nowTicks;

    /// <summary>Returns when the key may serve <paramref name="model"/> again by waiting (UTC ticks), ignoring an invalid mark.</summary>
    public long AvailableAtTicksFor(string model, long nowTicks) => Math.Max(AvailableAtTicks, ModelCooldownUntilTicks(model, nowTicks));

    /// <summary>Returns until when the (key, <paramref name="model"/>) pair cools (UTC ticks); 0 or a past time when it does not.</summary>
    public long ModelCooldownUntilTicks(string model, long nowTicks)
    {
        // The fast path: no model of this key cools now, so the table is not read.
        if (Interlocked.Read(ref _latestModelCooldownTicks) <= nowTicks || Volatile.Read(ref _modelCooldowns) is not { } table)
        {
            return 0;
        }

        return table.TryGetValue(model, out var until) ? until : 0;
    }

    /// <summary>Skips the key until <paramref name="untilTicks"/> because its quota is used up; unlike a cooldown, a later block replaces it.</summary>
    public void BlockForQuota(long untilTicks) => Interlocked.Exchange(ref _quotaBlockedUntilTicks, untilTicks);

    /// <summary>Lifts a quota block (the quota was raised or removed, or the window rolled over).</summary>
    public void ClearQuotaBlock() => Interlocked.Exchange(ref _quotaBlockedUntilTicks, 0);

    /// <summary>Extends the whole key's cooldown to <paramref name="untilTicks"/>; returns whether it changed (it never shortens one already longer).</summary>
    public bool CoolUntil(long untilTicks) => Extend(ref _cooldownUntilTicks, untilTicks);

    /// <summary>Extends the (key, <paramref name="model"/>) pair's cooldown to <paramref name="untilTicks"/>; returns whether it changed.</summary>
    public bool CoolModelUntil(string model, long untilTicks)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = Volatile.Read(ref _modelCooldowns);
        if (table is null)
        {
            Interlocked.CompareExchange(ref _modelCooldowns, new ConcurrentDictionary<string, long>(StringComparer.Ordinal), null);
            table = Volatile.Read(ref _modelCooldowns)!;
        }

        var changed = false;
        table.AddOrUpdate(
            model,
            _ =>
            {
                changed = true;
                return untilTicks;
            },
            (_, current) =>
            {
                changed = untilTicks > current;
                return changed ? untilTicks : current;
            });
        Extend(ref _latestModelCooldownTicks, untilTicks);
        return changed;
    }

    /// <summary>Returns the models whose cooldown on this key lasts past <paramref name="nowTicks"/>, with its end, and forgets ended ones.</summary>
    public IReadOnlyList<(string Model, long UntilTicks)> CoolingModels(long nowTicks)
    {
        if (Interlocked.Read(ref _latestModelCooldownTicks) <= nowTicks || Volatile.Read(ref _modelCooldowns) is not { } table)
        {
            return [];
        }

        var cooling = new List<(string, long)>();
        foreach (var (model, until) in table)
        {
            if (until > nowTicks)
            {
                cooling.Add((model, until));
            }
            else
            {
                table.TryRemove(new KeyValuePair<string, long>(model, until));
            }
        }

        return cooling;
    }

    /// <summary>Marks the key version named by <paramref name="mark"/> invalid; returns whether the key was not marked already.</summary>
    public bool MarkInvalid(InvalidKeyMark mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        while (true)
        {
            var current = Volatile.Read(ref _invalid);
            if (current is not null && current.Fingerprint == mark.Fingerprint)
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _invalid, mark, current), current))
            {
                return true;
            }
        }
    }

    /// <summary>Clears the invalid mark when it names <paramref name="fingerprint"/> (any mark when null); returns whether one was cleared.</summary>
    public bool ClearInvalid(string? fingerprint = null)
    {
        while (true)
        {
            var current = Volatile.Read(ref _invalid);
            if (current is null || (fingerprint is not null && current.Fingerprint is not null && current.Fingerprint != fingerprint))
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _invalid, null, current), current))
            {
                return true;
            }
        }
    }

    private static bool Extend(ref long field, long untilTicks)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref field);
            if (current >= untilTicks)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref field, untilTicks, current) != current);
        return true;
    }
}
