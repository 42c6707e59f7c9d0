namespace Switchboard.Server.Ui;

/// <summary>Binds <c>Switchboard:Ui</c>: whether the gateway serves the web console at <c>/ui</c>, and from where.</summary>
public sealed class UiOptions
{
    /// <summary>Names the configuration section these options bind.</summary>
    public const string SectionName = "Switchboard:Ui";

    /// <summary>Gets or sets whether <c>/ui</c> serves the console and <c>/</c> redirects there (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the folder of the console's published files; unset, the <c>ui</c> folder beside the server binary.</summary>
    public string? Root { get; set; }

    /// <summary>Returns the folder the console's files are served from.</summary>
    public string ResolveRoot() => Path.GetFullPath(string.IsNullOrWhiteSpace(Root) ? Path.Combine(AppContext.BaseDirectory, "ui") : Root);
}
