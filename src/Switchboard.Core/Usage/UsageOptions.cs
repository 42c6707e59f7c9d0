namespace Switchboard.Core.Usage;

/// <summary>Holds the usage retention and journal settings, bound from the <c>Switchboard:Usage</c> configuration section.</summary>
public sealed class UsageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Usage";

    /// <summary>Gets or sets how long raw usage records are kept before they are rolled up into hourly rows and deleted.</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets or sets how often the maintenance job rolls up and purges; zero turns the job off.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long the writer lets records gather after the first one arrives before it writes them; zero writes at once.</summary>
    /// <remarks>
    /// One transaction per request costs the gateway's core a database commit, a wake-up of the writer's thread and
    /// file-lock calls for every request when traffic is light. Gathering for a moment turns that into one commit per
    /// window. Records wait in memory that long; shutdown still writes every one of them.
    /// </remarks>
    public TimeSpan WriteDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Gets or sets the journal file used while the database is unavailable; null puts it beside the database.</summary>
    public string? JournalPath { get; set; }

    /// <summary>Gets or sets the directory of the write-ahead log that makes each record durable before its response completes; null puts <c>usage-wal</c> beside the database, <c>off</c> turns it off.</summary>
    /// <remarks>Off trades the usage of requests answered in the last <see cref="WriteDelay"/> before a crash for one file append per request.</remarks>
    public string? WriteAheadLogPath { get; set; }

    /// <summary>Returns whether a path setting means "off".</summary>
    public static bool IsOff(string value) =>
        string.Equals(value, "off", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "none", StringComparison.OrdinalIgnoreCase);
}
