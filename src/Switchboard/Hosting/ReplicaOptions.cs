namespace Switchboard.Hosting;

/// <summary>Holds how this process follows configuration changes made by other processes on the same database (<c>Switchboard:Replicas</c>).</summary>
public sealed class ReplicaOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Replicas";

    /// <summary>The check interval on PostgreSQL, where every change is also announced through <c>NOTIFY</c>.</summary>
    public static readonly TimeSpan DefaultPostgresPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>The check interval on SQLite, where checking is the only way to learn of another process's change.</summary>
    public static readonly TimeSpan DefaultSqlitePollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets a value indicating whether this process follows changes at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how often the database's configuration version is checked; null picks
    /// <see cref="DefaultPostgresPollInterval"/> or <see cref="DefaultSqlitePollInterval"/>.
    /// </summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>Gets or sets how long announcements must pause before a reload, so that a burst of changes makes one reload (a burst waits at most 0.5 s).</summary>
    public TimeSpan CoalesceDelay { get; set; } = TimeSpan.FromMilliseconds(50);
}
