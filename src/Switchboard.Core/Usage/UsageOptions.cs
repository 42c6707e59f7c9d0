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

    /// <summary>Gets or sets the journal file used while the database is unavailable; null puts it beside the database.</summary>
    public string? JournalPath { get; set; }
}
