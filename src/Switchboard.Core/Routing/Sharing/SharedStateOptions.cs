namespace Switchboard.Core.Routing.Sharing;

/// <summary>Holds how replicas share routing's runtime marks, bound from the <c>Switchboard:SharedState</c> configuration section.</summary>
public sealed class SharedStateOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Switchboard:SharedState";

    /// <summary>Gets or sets how often marks other replicas wrote are read from the database; zero turns sharing off (marks stay local).</summary>
    /// <remarks>A mark one replica applies is written at once (off the request path), so another replica honours it within about this interval plus one query.</remarks>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
