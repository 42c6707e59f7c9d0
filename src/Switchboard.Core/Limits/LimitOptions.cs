namespace Switchboard.Core.Limits;

/// <summary>Settings for how budgets and rate limits behave when their store is slow or down (<c>Switchboard:Limits</c>).</summary>
public sealed class LimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Switchboard:Limits";

    /// <summary>Gets or sets how long a request waits for the limit store to admit it before the store counts as unavailable; default 2 s.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets what a request with limits gets while the store is unavailable: <see cref="LimitStoreFailureModes.Closed"/> (default, a 503) or <see cref="LimitStoreFailureModes.Open"/>.</summary>
    public string OnStoreFailure { get; set; } = LimitStoreFailureModes.Closed;
}
