namespace Switchboard.Abstractions.Usage;

/// <summary>Records one raised alert: what, about whom or what, the measured value against its threshold, and when it was delivered.</summary>
public sealed record AlertRecord
{
    /// <summary>Gets the storage id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the kind: <c>quota_threshold</c>, <c>error_rate_spike</c>, <c>source_unavailable</c>, <c>cost_anomaly</c>, <c>latency_degradation</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the severity: <c>warning</c> or <c>critical</c>.</summary>
    public string Severity { get; init; } = "warning";

    /// <summary>Gets what the alert is about: a user id, a model, a platform.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the human-readable message.</summary>
    public required string Message { get; init; }

    /// <summary>Gets the measured value.</summary>
    public double Value { get; init; }

    /// <summary>Gets the threshold the value crossed.</summary>
    public double Threshold { get; init; }

    /// <summary>Gets the key under which repeats are suppressed during the cooldown.</summary>
    public required string DedupKey { get; init; }

    /// <summary>Gets when the alert was raised.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the webhook accepted it, or null.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }
}
