namespace Switchboard.Core.Telemetry;

/// <summary>Describes the runtime health of one upstream key, by id (never the secret).</summary>
/// <param name="Platform">The platform the key belongs to.</param>
/// <param name="KeyId">The key's storage id.</param>
/// <param name="Cooling">Whether the key is cooling down: the whole key, or every model of its platform.</param>
/// <param name="CooldownRemaining">How long the cooldown still lasts.</param>
/// <param name="SuccessRate">The key's recent success rate, from 0 to 1.</param>
/// <param name="Quota">The key's quota consumption in the current window, or null when it has no quota.</param>
/// <param name="Status">The key's status (<see cref="Routing.KeyStatuses"/>).</param>
/// <param name="Reason">Why an invalid key was refused (error kind and status), or null.</param>
public readonly record struct KeyHealthSample(
    string Platform, long KeyId, bool Cooling, TimeSpan CooldownRemaining, double SuccessRate, Routing.Quotas.KeyQuotaUsage? Quota = null, string Status = Routing.KeyStatuses.Active, string? Reason = null)
{
    /// <summary>Gets a value indicating whether the key takes traffic now (neither cooling nor invalid).</summary>
    public bool Usable => Status == Routing.KeyStatuses.Active;
}
