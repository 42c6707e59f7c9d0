namespace Switchboard.Server.Idempotency;

/// <summary>Holds the idempotency-key settings, bound from the <c>Switchboard:Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Idempotency";

    /// <summary>Gets or sets how long a key and its answer are kept after the first request (24 hours).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the largest answer body stored for replay (1 MiB); a larger answer is sent once and its key then refuses repeats.</summary>
    public int MaxStoredBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how long a claim counts as in flight before another request may take it over (a crashed replica); null derives it from the gateway timeouts.</summary>
    public TimeSpan? InFlightTimeout { get; set; }

    /// <summary>Gets or sets the longest wait for the key store per call (5 s); a store that does not answer in time gets a 503.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how often expired keys are deleted (15 minutes; zero turns the purge off).</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(15);
}
