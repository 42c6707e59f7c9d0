namespace Switchboard.Providers.Probing;

/// <summary>Holds the limits of <see cref="ModelProbe"/> and the operator allowlist, bound from the <c>Switchboard:Probe</c> configuration section.</summary>
public sealed class ModelProbeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:Probe";

    /// <summary>Gets or sets the time limit over the whole probe: resolution, connection, redirects and reading the answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Gets or sets the largest answer body read, in bytes; a larger answer fails the probe.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many redirects are followed, each one checked again.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>
    /// Gets the entries that lift the block on internal addresses: CIDR networks (<c>10.1.0.0/16</c>), IP addresses
    /// with an optional port (<c>127.0.0.1:11434</c>) or host names with an optional port (<c>ollama.internal:11434</c>).
    /// </summary>
    public IList<string> AllowList { get; } = new List<string>();
}
