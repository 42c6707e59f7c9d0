using Switchboard.Abstractions.Chat;

namespace Switchboard.Core.Routing.Failover;

/// <summary>Decides, for one failed upstream attempt, what it blames, how long the blamed key waits and whether another attempt may follow.</summary>
/// <remarks>
/// <para>This is the failover decision in one place. <see cref="RoutingState.RecordFailure"/> applies the verdict to
/// the runtime state, <see cref="AttemptPlan"/> moves to the source's next key or to the next source by its
/// <see cref="FailoverVerdict.Action"/>, the pipeline stops when it says so, and the
/// client's <c>Retry-After</c> is the cooldown it applied (<see cref="AttemptPlan.AsApplied"/>).</para>
/// <list type="bullet">
/// <item>401 (and a 403 the provider says is about the whole account): the key is invalid for every model until an
/// admin revalidates or replaces it.</item>
/// <item>403 otherwise: the key may lack access to this model only, so the (key, model) pair waits
/// <see cref="RoutingOptions.RejectedKeyCooldown"/>.</item>
/// <item>No quota or balance (402, <c>insufficient_quota</c>): the whole key waits <see cref="RoutingOptions.RejectedKeyCooldown"/>.</item>
/// <item>429: the (key, model) pair waits for the upstream's Retry-After, capped at <see cref="RoutingOptions.MaxRetryAfter"/>
/// (<see cref="RoutingOptions.DefaultRateLimitCooldown"/> without one); the whole key when the provider says the limit is account-wide.</item>
/// <item>5xx, 529, timeouts, connection failures (also one lost after the request was sent, whose outcome is unknown),
/// malformed answers: the source counts a failure toward ejection; a Retry-After also makes the pair (or the whole key,
/// when account-wide) wait.</item>
/// <item>An answer over the size cap blames nothing: its size follows from the request, not from the source's health.</item>
/// <item>Anything else (400, 404, 413, content filter) blames nothing and is not retried.</item>
/// <item>Whatever the blame, a failure after which the upstream may have processed the request (<see cref="UpstreamError.MayHaveProcessed"/>)
/// is never retried, so no call is run, and charged, twice.</item>
/// </list>
/// <para>Where the request goes next (stop, next key, next source) is <see cref="Classify"/>; every caller that asks
/// whether to try again asks it, through <see cref="Judge"/>. Immutable and thread-safe.</para>
/// </remarks>
internal sealed class FailoverPolicy(RoutingOptions options)
{
    /// <summary>Gets the tuning the policy applies.</summary>
    public RoutingOptions Options { get; } = options;

    /// <summary>Judges one failed attempt: where the request goes next, what the failure blames and how long the blamed key waits.</summary>
    public FailoverVerdict Judge(UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var action = Classify(error);
        return error.Kind switch
        {
            UpstreamErrorKind.Authentication => new(action, FailureScope.InvalidKey, null, true),
            UpstreamErrorKind.PermissionDenied when error.AccountWide => new(action, FailureScope.InvalidKey, null, true),
            UpstreamErrorKind.PermissionDenied => new(action, FailureScope.KeyModel, Options.RejectedKeyCooldown, false),
            UpstreamErrorKind.InsufficientQuota => new(action, FailureScope.Key, Options.RejectedKeyCooldown, true),
            UpstreamErrorKind.RateLimited => new(
                action, error.AccountWide ? FailureScope.Key : FailureScope.KeyModel, Cap(error.RetryAfter ?? Options.DefaultRateLimitCooldown), error.AccountWide),
            UpstreamErrorKind.ServerError or UpstreamErrorKind.Overloaded or UpstreamErrorKind.Timeout
                or UpstreamErrorKind.Connection or UpstreamErrorKind.UnknownOutcome or UpstreamErrorKind.MalformedResponse =>
                // An overloaded upstream that says when to come back is believed, for this key at least.
                new(action, FailureScope.Source, error.RetryAfter is { } wait ? Cap(wait) : null, error.AccountWide),
            _ => FailoverVerdict.Final with { Action = action },
        };
    }

    /// <summary>Classifies one failed attempt into stop, next key or next source; this is the whole retry decision.</summary>
    /// <remarks>
    /// A failure after which the upstream may have processed the request stops, whatever its kind, so no call is run (and
    /// charged) twice. A lost connection whose outcome is unknown stops for the same reason. A source that failed is left;
    /// a key that was refused, limited or out of quota gives way to the source's next key; an answer over the size cap
    /// blames nothing and also tries the next key. Everything else (400, 404, 413, content filter) follows from the
    /// request and would fail anywhere.
    /// </remarks>
    public static FailoverAction Classify(UpstreamError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.MayHaveProcessed)
        {
            return FailoverAction.Stop;
        }

        return error.Kind switch
        {
            UpstreamErrorKind.ServerError or UpstreamErrorKind.Overloaded or UpstreamErrorKind.Timeout
                or UpstreamErrorKind.Connection or UpstreamErrorKind.MalformedResponse => FailoverAction.NextSource,
            UpstreamErrorKind.RateLimited or UpstreamErrorKind.Authentication or UpstreamErrorKind.PermissionDenied
                or UpstreamErrorKind.InsufficientQuota or UpstreamErrorKind.ResponseTooLarge => FailoverAction.NextKey,
            _ => FailoverAction.Stop,
        };
    }

    /// <summary>Returns <paramref name="error"/> as the client should see it: its Retry-After is the cooldown the verdict applied.</summary>
    public static UpstreamError AsApplied(UpstreamError error, FailoverVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(error);
        return verdict.Cooldown is { } applied && error.RetryAfter != applied ? error with { RetryAfter = applied } : error;
    }

    private TimeSpan Cap(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Options.MaxRetryAfter ? Options.MaxRetryAfter : wait;
}
