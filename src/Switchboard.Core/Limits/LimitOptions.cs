namespace Switchboard.Core.Limits;

/// <summary>Settings for how budgets and rate limits behave when their store is slow or down (<c>Switchboard:Limits</c>).</summary>
public sealed class LimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Switchboard:Limits";

    /// <summary>Gets or sets how long a request waits for the limit store to admit it before the store counts as unavailable; default 2 s.</summary>
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often this process tells the store it is alive, so the budget reservations it holds stay its own; default 30 s.</summary>
    public TimeSpan HolderHeartbeat { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a process may go unseen before the budget reservations it held are given back (it died mid-request); default 2 min.</summary>
    public TimeSpan HolderTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how often this process writes the spend of its settled requests and gives back the slices it no longer uses; default 1 s.</summary>
    public TimeSpan LeaseFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long a slice may go unused before it is given back, so an idle replica does not keep what another could spend; default 5 s.</summary>
    public TimeSpan LeaseIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the least a slice asks for, in worst-case requests (their price, their tokens, or requests); default 8.</summary>
    public int SliceRequests { get; set; } = 8;

    /// <summary>Gets or sets the share of what is left a slice may take: one part in this many; default 8.</summary>
    public int SliceShare { get; set; } = 8;

    /// <summary>Gets or sets what a request with limits gets while the store is unavailable: <see cref="LimitStoreFailureModes.Closed"/> (default, a 503) or <see cref="LimitStoreFailureModes.Open"/>.</summary>
    public string OnStoreFailure { get; set; } = LimitStoreFailureModes.Closed;
}
