using Switchboard.Abstractions.Configuration;

namespace Switchboard.Core.Configuration;

/// <summary>Holds what a platforms YAML file declares, with secrets already sealed for storage.</summary>
/// <param name="Platforms">The system platforms, in file order, with their sealed keys and models.</param>
/// <param name="Catalog">The explicitly declared catalog models, in file order.</param>
/// <param name="Settings">The settings as name/value pairs.</param>
/// <param name="Warnings">Problems that did not stop loading, each located as <c>{file}:{line}:{column}: {field}: {text}</c>.</param>
public sealed record PlatformsFile(
    IReadOnlyList<PlatformSeed> Platforms,
    IReadOnlyList<CatalogModelConfig> Catalog,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Gets an empty file: no platforms, catalog models, settings or warnings.</summary>
    public static PlatformsFile Empty { get; } = new([], [], new Dictionary<string, string>(), []);
}
