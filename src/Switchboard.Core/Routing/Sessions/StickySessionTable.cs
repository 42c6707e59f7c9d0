using System.Collections.Concurrent;

namespace Switchboard.Core.Routing.Sessions;

/// <summary>Binds a caller-supplied session key to the source and key that served it, so provider prompt caches stay warm.</summary>
/// <remarks>
/// Bindings are per catalog model and expire after <see cref="RoutingOptions.SessionIdleTimeout"/> without use; expired
/// ones are dropped when read and by a sweep every few thousand binds. Past <see cref="RoutingOptions.MaxSessions"/>, new
/// sessions are not bound: stickiness is a preference, never a reason to fail. Thread-safe without locks.
/// </remarks>
internal sealed class StickySessionTable(RoutingOptions options)
{
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<(string Model, string Session), StickyBinding> _bindings = new();
    private int _bindsSinceSweep;

    /// <summary>Gets the number of live or not yet swept bindings.</summary>
    public int Count => _bindings.Count;

    /// <summary>Returns the live binding of a session, or null.</summary>
    public StickyBinding? Find(string model, string session, long nowTicks)
    {
        var key = (model, session);
        if (!_bindings.TryGetValue(key, out var binding))
        {
            return null;
        }

        if (nowTicks - binding.LastSeenTicks > options.SessionIdleTimeout.Ticks)
        {
            _bindings.TryRemove(KeyValuePair.Create(key, binding));
            return null;
        }

        return binding;
    }

    /// <summary>Binds a session to the source and key that just served it, or refreshes the binding when unchanged.</summary>
    public void Bind(string model, string session, long sourceStateId, long keyStateId, long nowTicks)
    {
        var key = (model, session);
        if (_bindings.TryGetValue(key, out var existing) && existing.SourceStateId == sourceStateId && existing.KeyStateId == keyStateId)
        {
            existing.Touch(nowTicks);
            return;
        }

        if (existing is null && _bindings.Count >= options.MaxSessions)
        {
            Sweep(nowTicks);
            if (_bindings.Count >= options.MaxSessions)
            {
                return;
            }
        }

        _bindings[key] = new StickyBinding(sourceStateId, keyStateId, nowTicks);
        if (Interlocked.Increment(ref _bindsSinceSweep) >= SweepEvery)
        {
            Volatile.Write(ref _bindsSinceSweep, 0);
            Sweep(nowTicks);
        }
    }

    /// <summary>Drops every binding idle for longer than the timeout.</summary>
    public void Sweep(long nowTicks)
    {
        var limit = options.SessionIdleTimeout.Ticks;
        foreach (var pair in _bindings)
        {
            if (nowTicks - pair.Value.LastSeenTicks > limit)
            {
                _bindings.TryRemove(pair);
            }
        }
    }
}
