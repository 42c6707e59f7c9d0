namespace Switchboard.Core.Alerts;

/// <summary>Holds the alert rules' thresholds and the webhook, bound from the <c>Switchboard:Alerts</c> configuration section.</summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Alerts";

    /// <summary>Gets or sets how often the rules are evaluated; zero turns alerts off.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long an alert with the same key stays suppressed after it was raised.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the URL that receives each alert as a JSON POST, or null.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Gets the spend limits per user id, in the price currency, over <see cref="QuotaPeriod"/>.</summary>
    public IDictionary<string, decimal> Quotas { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Gets or sets the rolling window a quota covers.</summary>
    public TimeSpan QuotaPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets the fraction of a quota at which the alert is raised.</summary>
    public decimal QuotaThreshold { get; set; } = 0.8m;

    /// <summary>Gets or sets the window of the error-rate rule.</summary>
    public TimeSpan ErrorRateWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the error rate that raises an alert.</summary>
    public double ErrorRateThreshold { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest requests in the window for the error-rate and latency rules to judge.</summary>
    public int MinimumRequests { get; set; } = 20;

    /// <summary>Gets or sets how many times the hourly baseline the last hour's cost must reach to be an anomaly.</summary>
    public decimal CostAnomalyFactor { get; set; } = 3m;

    /// <summary>Gets or sets the smallest last-hour cost that can be an anomaly.</summary>
    public decimal CostAnomalyMinimum { get; set; } = 1m;

    /// <summary>Gets or sets how many times its baseline p95 a source's recent p95 must reach to be degraded.</summary>
    public double LatencyFactor { get; set; } = 2;
}
