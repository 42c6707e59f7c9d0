namespace Switchboard.Core.Routing.Quotas;

/// <summary>Counts one key's consumption in its current quota window: what storage confirmed plus what this replica has not settled yet.</summary>
/// <remarks>
/// The request path adds locally (so the next request on this replica already sees it); the settle loop moves the
/// amount from local to settled with the database's total, which also holds other replicas' consumption. A new window
/// starts from zero. Thread-safe through one small lock per key; held for a few additions only.
/// </remarks>
internal sealed class KeyQuotaState
{
    private readonly Lock _gate = new();
    private long _windowTicks;
    private long _settledTokens;
    private long _settledNanos;
    private long _localTokens;
    private long _localNanos;

    /// <summary>Adds a finished request's consumption that is not settled yet.</summary>
    public void AddLocal(DateTimeOffset window, long tokens, long nanos)
    {
        lock (_gate)
        {
            if (Roll(window))
            {
                _localTokens += tokens;
                _localNanos += nanos;
            }
        }
    }

    /// <summary>Records that storage added <paramref name="added"/> and now holds <paramref name="total"/> for the window.</summary>
    public void Settled(DateTimeOffset window, (long Tokens, long Nanos) added, (long Tokens, long Nanos) total)
    {
        lock (_gate)
        {
            if (Roll(window))
            {
                _localTokens = Math.Max(0, _localTokens - added.Tokens);
                _localNanos = Math.Max(0, _localNanos - added.Nanos);
                _settledTokens = Math.Max(_settledTokens, total.Tokens);
                _settledNanos = Math.Max(_settledNanos, total.Nanos);
            }
        }
    }

    /// <summary>Records the window's total as storage reports it (every replica's settled consumption).</summary>
    public void Refreshed(DateTimeOffset window, long tokens, long nanos)
    {
        lock (_gate)
        {
            if (Roll(window))
            {
                _settledTokens = Math.Max(_settledTokens, tokens);
                _settledNanos = Math.Max(_settledNanos, nanos);
            }
        }
    }

    /// <summary>Returns the consumption in <paramref name="window"/>: settled plus local; zero for a window not counted yet.</summary>
    public (long Tokens, long Nanos) Used(DateTimeOffset window)
    {
        lock (_gate)
        {
            return window.UtcTicks == _windowTicks ? (_settledTokens + _localTokens, _settledNanos + _localNanos) : (0, 0);
        }
    }

    /// <summary>Moves to <paramref name="window"/> when it is newer; returns false for an older window, whose news is stale.</summary>
    private bool Roll(DateTimeOffset window)
    {
        var ticks = window.UtcTicks;
        if (ticks < _windowTicks)
        {
            return false;
        }

        if (ticks > _windowTicks)
        {
            _windowTicks = ticks;
            _settledTokens = _settledNanos = _localTokens = _localNanos = 0;
        }

        return true;
    }
}
