namespace Switchboard.Core.Routing.Health;

/// <summary>Settings of the optional active health checks (<c>Switchboard:Routing:ActiveChecks</c>); off by default.</summary>
/// <remarks>
/// A check is one tiny real completion (one short user message, <c>max_tokens: 1</c>) sent to a source whose ejection
/// has ended, so a user request need not be the trial, or to a source that has not answered for
/// <see cref="IdleAfter"/>, so a dead fallback is known before it is needed. Checks cost money: they are counted
/// against <see cref="MaxChecksPerHour"/> and <see cref="MaxCostPerDay"/>, and each one is a usage record
/// (endpoint <c>health_check</c>, user <c>-1</c>).
/// </remarks>
public sealed class ActiveHealthCheckOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Switchboard:Routing:ActiveChecks";

    /// <summary>Gets or sets a value indicating whether checks run.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets how often sources are looked at.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a healthy source may go without an answer before it is checked; zero checks only ejected sources.</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the most checks in any clock hour.</summary>
    public int MaxChecksPerHour { get; set; } = 30;

    /// <summary>Gets or sets the most provider cost the checks may spend in a UTC day, in the price unit of the sources.</summary>
    public decimal MaxCostPerDay { get; set; } = 0.05m;

    /// <summary>Gets or sets the message a check sends.</summary>
    public string Prompt { get; set; } = "ping";
}
