namespace Switchboard.Core.Secrets;

/// <summary>Holds the resolved master key and where it came from.</summary>
/// <param name="Key">The master key text. Never log it; <see cref="ToString"/> leaves it out.</param>
/// <param name="Source">Where the key came from.</param>
/// <param name="FilePath">The key file, when <paramref name="Source"/> is a file; otherwise null.</param>
public sealed record MasterKeyResolution(string Key, MasterKeySource Source, string? FilePath)
{
    /// <summary>Gets a value indicating whether the key was generated on this start, which production should avoid.</summary>
    public bool Generated => Source == MasterKeySource.Generated;

    /// <summary>Describes where the key came from in words fit for a log line.</summary>
    /// <returns>The origin of the key, naming no part of it.</returns>
    public string DescribeSource() => Source switch
    {
        MasterKeySource.Environment => $"the {MasterKeyResolver.EnvironmentVariable} environment variable",
        MasterKeySource.Alias => $"the {MasterKeyResolver.AliasEnvironmentVariable} environment variable",
        MasterKeySource.File => $"the key file {FilePath}",
        _ => $"the key file {FilePath}, generated on this start",
    };

    /// <summary>Describes the resolution without the key, so logging the record cannot leak it.</summary>
    /// <returns>The source and file path.</returns>
    public override string ToString() => $"MasterKeyResolution {{ Source = {Source}, FilePath = {FilePath} }}";
}
