using System.Collections.Concurrent;
using System.Threading.Channels;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Tenancy;
using Switchboard.Abstractions.Usage;
using Switchboard.Core.Limits;

namespace Switchboard.Core.Routing.Quotas;

/// <summary>Keeps every key's quota consumption in memory and sets the key's quota flag that routing reads.</summary>
/// <remarks>
/// <para>The request path calls <see cref="Record"/> once per finished request that used a key with a quota: a few
/// atomic additions, a comparison and a non-blocking channel write. When a limit is reached the key's
/// <see cref="Health.KeyState"/> is blocked until the window rolls over, so the planner skips it like a cooling key
/// and no request reads the database. <see cref="KeyQuotaService"/> settles the queued amounts into the shared
/// counters and refreshes every key from them, so consumption on other replicas counts too.</para>
/// <para>Owned by <see cref="RoutingState"/>; thread-safe.</para>
/// </remarks>
internal sealed class KeyQuotaStates(RoutingState states)
{
    private readonly ConcurrentDictionary<(long StateId, BudgetPeriod Period), KeyQuotaState> _states = new();
    private readonly Channel<KeyUsage> _unsettled = Channel.CreateUnbounded<KeyUsage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Gets the consumption that finished requests added and that is not settled in storage yet.</summary>
    public ChannelReader<KeyUsage> Unsettled => _unsettled.Reader;

    /// <summary>Counts a finished request against its key's quota; a key without a quota costs one null check.</summary>
    public void Record(SourceTarget? target, UsageRecord record)
    {
        if (target?.Key is not { Quota: { Any: true } quota } key)
        {
            return;
        }

        var tokens = record.Tokens.InputTokens + record.Tokens.OutputTokens;
        var nanos = LimitWindows.ToNanos(record.ProviderCost);
        if (tokens <= 0 && nanos <= 0)
        {
            return;
        }

        var window = LimitWindows.BudgetStart(quota.Period, states.Time.GetUtcNow());
        State(key.Id, quota.Period).AddLocal(window, tokens, nanos);
        Evaluate(key.Id, quota);
        _unsettled.Writer.TryWrite(new KeyUsage(key.Id, window, tokens, nanos));
    }

    /// <summary>Applies what storage reported after settling <paramref name="added"/>: the window's new total.</summary>
    public void ApplySettled(KeyUsage added, KeyUsage total, KeyQuotaConfig? quota)
    {
        if (quota is not { Any: true })
        {
            return;
        }

        State(added.KeyId, quota.Period).Settled(added.WindowStart, (added.Tokens, added.CostNanos), (total.Tokens, total.CostNanos));
        Evaluate(added.KeyId, quota);
    }

    /// <summary>Applies a window total read from storage and re-evaluates the key's flag; no quota lifts any block.</summary>
    public void ApplyRefreshed(long keyId, KeyQuotaConfig? quota, KeyUsage? total)
    {
        if (quota is not { Any: true })
        {
            states.Get(keyId).ClearQuotaBlock();
            return;
        }

        if (total is { } read)
        {
            State(keyId, quota.Period).Refreshed(read.WindowStart, read.Tokens, read.CostNanos);
        }

        Evaluate(keyId, quota);
    }

    /// <summary>Gets the ids of keys that have counted consumption or carry a quota block on this replica.</summary>
    public IEnumerable<long> TrackedKeys => _states.Keys.Select(k => k.StateId).Distinct();

    /// <summary>Describes a key's consumption in its current window.</summary>
    public KeyQuotaUsage Describe(long keyId, KeyQuotaConfig quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var (start, end) = Window(quota.Period);
        var (tokens, nanos) = _states.TryGetValue((keyId, quota.Period), out var state) ? state.Used(start) : (0, 0);
        return new KeyQuotaUsage(keyId, quota.Period, start, end, tokens, quota.Tokens, nanos / 1_000_000_000m, quota.Cost);
    }

    /// <summary>Returns the current window of a period.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Window(BudgetPeriod period)
    {
        var start = LimitWindows.BudgetStart(period, states.Time.GetUtcNow());
        return (start, LimitWindows.BudgetEnd(period, start) ?? DateTimeOffset.MaxValue);
    }

    private KeyQuotaState State(long keyId, BudgetPeriod period) => _states.GetOrAdd((keyId, period), static _ => new KeyQuotaState());

    private void Evaluate(long keyId, KeyQuotaConfig quota)
    {
        var usage = Describe(keyId, quota);
        var key = states.Get(keyId);
        if (usage.Exhausted)
        {
            key.BlockForQuota(usage.WindowEnd.UtcTicks);
        }
        else
        {
            key.ClearQuotaBlock();
        }
    }
}
