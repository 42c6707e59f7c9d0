namespace Switchboard.Core.Routing.Log;

/// <summary>Holds the routing log settings, bound from the <c>Switchboard:RoutingLog</c> configuration section.</summary>
public sealed class RoutingLogOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:RoutingLog";

    /// <summary>Gets or sets a value indicating whether routing decisions are recorded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the fraction of routed requests recorded, from 0 to 1.</summary>
    public double SampleRate { get; set; } = 1.0;

    /// <summary>Gets or sets how long entries are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets how often entries older than <see cref="Retention"/> are purged; zero turns the purge off.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how many entries may wait for the writer; beyond that new entries are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
