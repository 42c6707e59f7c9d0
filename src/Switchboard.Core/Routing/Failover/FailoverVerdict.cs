namespace Switchboard.Core.Routing.Failover;

/// <summary>Holds what <see cref="FailoverPolicy"/> decided about one failed attempt.</summary>
/// <param name="Action">Where the request goes next: nowhere, the source's next key, or the next source.</param>
/// <param name="Blame">What the failure blames.</param>
/// <param name="Cooldown">How long the blamed key waits, as applied (capped); null when it does not wait.</param>
/// <param name="WholeKey">Whether <paramref name="Cooldown"/> covers every model of the key rather than only the model called.</param>
internal readonly record struct FailoverVerdict(FailoverAction Action, FailureScope Blame, TimeSpan? Cooldown, bool WholeKey)
{
    /// <summary>Gets the verdict for a failure that blames nothing and ends the request.</summary>
    public static FailoverVerdict Final => new(FailoverAction.Stop, FailureScope.None, null, false);

    /// <summary>Gets a value indicating whether another attempt (another key or source) may follow.</summary>
    public bool MayRetry => Action != FailoverAction.Stop;

    /// <summary>Gets a value indicating whether the plan should leave the source for the next one rather than try its next key.</summary>
    public bool LeavesSource => Action == FailoverAction.NextSource;

    /// <summary>Gets the name the routing log shows for the blame.</summary>
    public string BlameName => Blame switch
    {
        FailureScope.InvalidKey => "key_invalid",
        FailureScope.Key => "key",
        FailureScope.KeyModel => "key_model",
        FailureScope.Source => "source",
        _ => "none",
    };
}
