using System.Collections.Concurrent;
using Switchboard.Abstractions.Chat;

namespace Switchboard.Core.Routing;

/// <summary>Keeps <see cref="KeyState"/> per key id and applies the cooldown rules after each attempt.</summary>
/// <remarks>
/// A 429 cools the key for the upstream's Retry-After (or a short default); a rejected key cools for longer so
/// other keys of the pool take over; three connection or server failures in a row cool it briefly.
/// </remarks>
internal sealed class KeyStateRegistry(TimeProvider time)
{
    private static readonly TimeSpan DefaultRateLimitCooldown = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InvalidKeyCooldown = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FailureStreakCooldown = TimeSpan.FromSeconds(10);
    private const int FailureStreakLimit = 3;

    private readonly ConcurrentDictionary<long, KeyState> _states = new();

    public TimeProvider Time => time;

    public KeyState Get(long id) => _states.GetOrAdd(id, static _ => new KeyState());

    public void RecordSuccess(long id)
    {
        if (_states.TryGetValue(id, out var state))
        {
            state.RecordSuccess();
        }
    }

    public void RecordFailure(long id, UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var state = Get(id);
        var now = time.GetUtcNow().UtcTicks;
        switch (error.Kind)
        {
            case UpstreamErrorKind.RateLimited or UpstreamErrorKind.Overloaded when error.RetryAfter is { } wait:
                state.CoolUntil(now + wait.Ticks);
                break;
            case UpstreamErrorKind.RateLimited:
                state.CoolUntil(now + DefaultRateLimitCooldown.Ticks);
                break;
            case UpstreamErrorKind.Authentication or UpstreamErrorKind.PermissionDenied or UpstreamErrorKind.InsufficientQuota:
                state.CoolUntil(now + InvalidKeyCooldown.Ticks);
                break;
            case UpstreamErrorKind.Connection or UpstreamErrorKind.ServerError or UpstreamErrorKind.Overloaded or UpstreamErrorKind.Timeout:
                if (state.RecordFailure() >= FailureStreakLimit)
                {
                    state.CoolUntil(now + FailureStreakCooldown.Ticks);
                }

                break;
        }
    }
}
