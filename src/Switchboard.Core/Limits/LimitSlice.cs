using Switchboard.Abstractions.Tenancy;

namespace Switchboard.Core.Limits;

/// <summary>This replica's slice of one scope's budget window or minute window: requests reserve against it in memory, with no store round trip.</summary>
/// <remarks>
/// <para>A budget slice holds nano-USD the store counts as reserved by this process (<see cref="LimitGrant.Nanos"/>); a request
/// takes its worst-case price from it and gives back what it did not spend, and its actual spend is written in batches
/// (<see cref="TakeSettlement"/>). A minute slice holds requests and tokens the store already counts on the minute; a request
/// takes one request and its worst-case tokens and gives back the tokens it did not use.</para>
/// <para>When the store's last grant used the window up (<see cref="LimitGrant.Exhausted"/>), a request may take what is left
/// of the slice even when that is less than its worst case, as the store itself admits the last request of a budget: that
/// is the one-request overrun each replica may add; it does so only when no other request holds part of the slice. Thread-safe; every field is guarded by one lock held for a few instructions.</para>
/// </remarks>
internal sealed class LimitSlice
{
    private readonly Lock _lock = new();
    private long _nanos;
    private long _held;
    private long _spent;
    private long _requests;
    private long _tokens;
    private long _lowNanos;
    private long _lowRequests;
    private long _lowTokens;
    private bool _exhausted;
    private bool _retired;
    private int _inFlight;
    private long _lastUsed = Environment.TickCount64;
    private Task<LimitGrant?>? _refill;

    /// <summary>Creates an empty slice; a budget slice when <paramref name="budgetNanos"/> is set, a minute slice otherwise.</summary>
    public LimitSlice(string scope, DateTimeOffset windowStart, long? budgetNanos, int? requestsPerMinute, long? tokensPerMinute)
    {
        Scope = scope;
        WindowStart = windowStart;
        BudgetNanos = budgetNanos;
        RequestsPerMinute = budgetNanos is null ? requestsPerMinute : null;
        TokensPerMinute = budgetNanos is null ? tokensPerMinute : null;
    }

    public string Scope { get; }

    public DateTimeOffset WindowStart { get; }

    public long? BudgetNanos { get; }

    public int? RequestsPerMinute { get; }

    public long? TokensPerMinute { get; }

    public bool IsBudget => BudgetNanos is not null;

    /// <summary>Gets a value indicating whether the slice no longer serves requests (its limits changed, its window passed, it went idle or the process stops).</summary>
    public bool Retired
    {
        get
        {
            lock (_lock)
            {
                return _retired;
            }
        }
    }

    /// <summary>Gets how many requests that took from the slice have not settled.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Returns whether the slice serves the given window and limits.</summary>
    public bool Serves(DateTimeOffset windowStart, long? budgetNanos, int? requestsPerMinute, long? tokensPerMinute) =>
        WindowStart == windowStart && BudgetNanos == budgetNanos && RequestsPerMinute == requestsPerMinute && TokensPerMinute == tokensPerMinute;

    /// <summary>Takes a request's worst case from the slice; false when the slice cannot cover it and a grant is needed first.</summary>
    /// <param name="nanos">The worst-case price; on success, the nano-USD taken (less when the window is used up).</param>
    /// <param name="tokens">The worst-case tokens; on success, the tokens taken.</param>
    /// <param name="low">Set when the slice runs low and a grant should be asked for in the background.</param>
    public bool TryTake(ref long nanos, ref long tokens, out bool low)
    {
        lock (_lock)
        {
            low = false;
            if (_retired)
            {
                return false;
            }

            if (IsBudget)
            {
                if (!TryCover(ref _nanos, ref nanos))
                {
                    return false;
                }

                tokens = 0;
                low = _nanos < Math.Max(_lowNanos, 2 * nanos);
            }
            else
            {
                if ((RequestsPerMinute is not null && _requests < 1) || (TokensPerMinute is not null && !TryCover(ref _tokens, ref tokens)))
                {
                    return false;
                }

                if (RequestsPerMinute is not null)
                {
                    _requests--;
                    low = _requests < Math.Max(_lowRequests, 2);
                }

                if (TokensPerMinute is null)
                {
                    tokens = 0;
                }
                else
                {
                    low |= _tokens < Math.Max(_lowTokens, 2 * tokens);
                }

                nanos = 0;
            }

            low &= !_exhausted && _refill is null;
            _inFlight++;
            _lastUsed = Environment.TickCount64;
            return true;
        }
    }

    /// <summary>Gives back what <see cref="TryTake"/> took for a request that did not run.</summary>
    public void Untake(long nanos, long tokens)
    {
        lock (_lock)
        {
            _nanos += nanos;
            _tokens += tokens;
            if (RequestsPerMinute is not null)
            {
                _requests++;
            }

            _inFlight--;
        }
    }

    /// <summary>Settles a request that took <paramref name="takenNanos"/> and <paramref name="takenTokens"/>: what it did not use goes back to the slice, its spend waits to be written.</summary>
    /// <remarks>Spend beyond what was taken is written as spend (it is counted, not taken from the slice); tokens beyond what was taken come out of the slice, since the minute counts the slice, not the requests.</remarks>
    public void Settle(long takenNanos, long spentNanos, long takenTokens, long usedTokens)
    {
        lock (_lock)
        {
            if (IsBudget)
            {
                _nanos += Math.Max(0, takenNanos - spentNanos);
                _spent += spentNanos;
            }
            else if (TokensPerMinute is not null)
            {
                _tokens += takenTokens - usedTokens;
            }

            _inFlight--;
        }
    }

    /// <summary>Starts a grant unless one is under way, and returns the one under way.</summary>
    public Task<LimitGrant?> Refill(Func<LimitSlice, Task<LimitGrant?>> grant)
    {
        lock (_lock)
        {
            return _refill ??= grant(this);
        }
    }

    /// <summary>Adds what the store granted (or records that it refused) and ends the grant under way.</summary>
    public void Apply(LimitGrant? grant)
    {
        lock (_lock)
        {
            _refill = null;
            if (grant is null)
            {
                return;
            }

            _exhausted = grant.Exhausted || grant.Refused is not null;
            _nanos += grant.Nanos;
            _held += grant.Nanos;
            _requests += grant.Requests;
            _tokens += grant.Tokens;
            _lowNanos = grant.Nanos / 4;
            _lowRequests = grant.Requests / 4;
            _lowTokens = grant.Tokens / 4;
        }
    }

    /// <summary>Stops the slice serving requests when it is idle past <paramref name="idleSince"/> (ticks of <see cref="Environment.TickCount64"/>) or when <paramref name="force"/> is set; returns whether it is retired.</summary>
    public bool RetireIf(bool force, long idleSince)
    {
        lock (_lock)
        {
            if (!_retired && (force || (_lastUsed < idleSince && _inFlight == 0 && _refill is null)))
            {
                _retired = true;
            }

            return _retired;
        }
    }

    /// <summary>Returns the settlement that writes the spend of settled requests and, when <paramref name="giveBack"/> is set, gives back what no request holds; null when there is nothing to write.</summary>
    /// <param name="holder">The process that holds the budget slice.</param>
    /// <param name="giveBack">Whether to give back the unused part of the slice (it is retired).</param>
    public LimitSettlement? TakeSettlement(string holder, bool giveBack)
    {
        lock (_lock)
        {
            if (IsBudget)
            {
                var spent = _spent;
                var released = Math.Min(spent, _held);
                _held -= released;
                _spent = 0;
                if (giveBack && _nanos > 0)
                {
                    var unused = Math.Min(_nanos, _held);
                    _held -= unused;
                    _nanos -= unused;
                    released += unused;
                }

                return spent == 0 && released == 0 ? null : new LimitSettlement
                {
                    Scope = Scope,
                    Holder = holder,
                    BudgetWindowStart = WindowStart,
                    ReservedNanos = released,
                    SpentNanos = spent,
                };
            }

            if (!giveBack)
            {
                return null;
            }

            // Tokens below zero are what requests used beyond what they took: given back as a negative amount, they are counted.
            var requests = _requests;
            var tokens = _tokens;
            _requests = 0;
            _tokens = 0;
            return requests == 0 && tokens == 0 ? null : new LimitSettlement
            {
                Scope = Scope,
                MinuteWindowStart = WindowStart,
                Requests = -(int)requests,
                ReservedTokens = tokens,
            };
        }
    }

    /// <summary>Returns whether a retired slice has nothing left to write and no request that may still settle into it.</summary>
    public bool Drained()
    {
        lock (_lock)
        {
            return _retired && _inFlight == 0 && _spent == 0 && _refill is null && (IsBudget ? _nanos <= 0 || _held == 0 : _requests == 0 && _tokens == 0);
        }
    }

    /// <summary>Takes <paramref name="need"/> from <paramref name="pool"/>, or what is left once the window is used up.</summary>
    private bool TryCover(ref long pool, ref long need)
    {
        // An empty slice covers nothing, not even a free request: the store says whether the window has anything left.
        if (pool >= need && pool > 0)
        {
            pool -= need;
            return true;
        }

        // Only the last request of a used-up window takes less than its worst case: while others are in flight, what they
        // give back may cover it, and crumbs taken one after another would each add an overrun.
        if (_exhausted && pool > 0 && _inFlight == 0)
        {
            need = pool;
            pool = 0;
            return true;
        }

        return false;
    }
}
