namespace Switchboard.Abstractions.Providers;

/// <summary>Looks up vendor presets by name or by base URL.</summary>
public interface IPlatformPresets
{
    /// <summary>Gets all presets.</summary>
    IReadOnlyCollection<PlatformPreset> All { get; }

    /// <summary>Finds a preset by name (case-insensitive).</summary>
    PlatformPreset? Find(string name);

    /// <summary>Finds the preset whose default host matches <paramref name="baseUrl"/>, if any.</summary>
    PlatformPreset? MatchBaseUrl(Uri baseUrl);
}
