namespace Switchboard.Core.Audit;

/// <summary>Holds the audit log settings, bound from the <c>Switchboard:Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Audit";

    /// <summary>Gets or sets how long entries are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Gets or sets how often entries older than <see cref="Retention"/> are deleted; zero turns the purge off.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Gets or sets the longest wait for one entry to be stored; a change is never held longer than this for its record.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
