namespace Switchboard.Core.Telemetry;

/// <summary>Describes the runtime health of one upstream key, by id (never the secret).</summary>
/// <param name="Platform">The platform the key belongs to.</param>
/// <param name="KeyId">The key's storage id.</param>
/// <param name="Cooling">Whether the key is cooling down after rate limits or failures.</param>
/// <param name="CooldownRemaining">How long the cooldown still lasts.</param>
/// <param name="SuccessRate">The key's recent success rate, from 0 to 1.</param>
/// <param name="Quota">The key's quota consumption in the current window, or null when it has no quota.</param>
public readonly record struct KeyHealthSample(string Platform, long KeyId, bool Cooling, TimeSpan CooldownRemaining, double SuccessRate, Routing.Quotas.KeyQuotaUsage? Quota = null);
