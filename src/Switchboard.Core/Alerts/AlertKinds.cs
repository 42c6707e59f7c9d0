namespace Switchboard.Core.Alerts;

/// <summary>Names the built-in alert kinds.</summary>
public static class AlertKinds
{
    /// <summary>A user's spend crossed the quota threshold.</summary>
    public const string QuotaThreshold = "quota_threshold";

    /// <summary>A model's error rate spiked.</summary>
    public const string ErrorRateSpike = "error_rate_spike";

    /// <summary>Every key of a platform is cooling down or invalid.</summary>
    public const string SourceUnavailable = "source_unavailable";

    /// <summary>The last hour's provider cost is far above the baseline.</summary>
    public const string CostAnomaly = "cost_anomaly";

    /// <summary>A source's p95 latency is far above its baseline.</summary>
    public const string LatencyDegradation = "latency_degradation";

    /// <summary>An upstream key's consumption crossed the quota threshold in its current window.</summary>
    public const string KeyQuotaThreshold = "key_quota_threshold";

    /// <summary>The provider refused an upstream key as invalid (401, or a 403 about the whole account); it is skipped until an admin revalidates or replaces it.</summary>
    public const string InvalidKey = "invalid_key";
}
