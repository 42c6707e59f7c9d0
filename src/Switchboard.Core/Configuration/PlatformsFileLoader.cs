using Microsoft.Extensions.Logging;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Reads the platforms YAML file, a superset of the classic <c>llm_mgr_cfg.yaml</c>, into seeds with sealed keys.</summary>
/// <remarks>
/// <para>
/// Platforms sit under <c>platforms:</c>; a file without that section is read in the classic shape, where every top-level
/// entry other than <c>catalog</c>, <c>settings</c> and <c>tiers</c> is a platform.
/// </para>
/// <para>
/// Mistakes throw <see cref="ConfigurationFileException"/> located as <c>{file}:{line}:{column}: {field}: {problem}</c>.
/// Problems that do not stop loading are logged as they are found and also returned in <see cref="PlatformsFile.Warnings"/>.
/// No secret appears in either. Stateless and thread-safe.
/// </para>
/// </remarks>
public static class PlatformsFileLoader
{
    private const string PlatformsSection = "platforms";
    private const string CatalogSection = "catalog";
    private const string SettingsSection = "settings";
    private const string TiersSection = "tiers";

    /// <summary>Reads and parses a platforms file.</summary>
    /// <param name="path">The file path; errors name the file as given here.</param>
    /// <param name="sealer">Opens <c>ENC:</c> values and seals every key for storage.</param>
    /// <param name="presets">Resolves <c>preset</c> names and recognises vendors by base URL.</param>
    /// <param name="getEnvironmentVariable">Reads the variables named by <c>{ENV_VAR}</c> placeholders.</param>
    /// <param name="logger">Receives warnings and a summary.</param>
    /// <returns>What the file declares.</returns>
    /// <exception cref="ConfigurationFileException">The file does not exist or has a mistake.</exception>
    public static PlatformsFile Load(string path, SecretSealer sealer, IPlatformPresets presets, Func<string, string?> getEnvironmentVariable, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A configured file that is not there is a mistake to fix, not a reason to start with no platforms.
            throw new ConfigurationFileException(
                $"{path}: the platforms file does not exist (looked for {Path.GetFullPath(path)}). Point the config path (SWITCHBOARD_CONFIG, or ConfigPath when embedded) at an existing file, or leave it unset to start without one.",
                e);
        }

        return Parse(text, path, sealer, presets, getEnvironmentVariable, logger);
    }

    /// <summary>Parses platforms file text.</summary>
    /// <param name="yamlText">The YAML text.</param>
    /// <param name="fileName">The name errors and warnings give the file.</param>
    /// <param name="sealer">Opens <c>ENC:</c> values and seals every key for storage.</param>
    /// <param name="presets">Resolves <c>preset</c> names and recognises vendors by base URL.</param>
    /// <param name="getEnvironmentVariable">Reads the variables named by <c>{ENV_VAR}</c> placeholders.</param>
    /// <param name="logger">Receives warnings and a summary.</param>
    /// <returns>What the text declares.</returns>
    /// <exception cref="ConfigurationFileException">The text has a mistake.</exception>
    public static PlatformsFile Parse(string yamlText, string fileName, SecretSealer sealer, IPlatformPresets presets, Func<string, string?> getEnvironmentVariable, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(presets);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(logger);

        var reader = new YamlFieldReader(fileName, logger);
        var root = LoadRoot(yamlText, reader);
        if (root is null)
        {
            return PlatformsFile.Empty;
        }

        if (root is not YamlMappingNode mapping)
        {
            throw reader.Error(root, "(root)", $"expected a map with a platforms section, found {YamlFieldReader.Describe(root)}");
        }

        var platformParser = new PlatformSectionParser(reader, sealer, presets, getEnvironmentVariable);
        var platforms = new List<PlatformSeed>();
        YamlField? catalogField = null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var classicShape = !mapping.Children.ContainsKey(new YamlScalarNode(PlatformsSection));

        foreach (var field in reader.Fields(mapping, string.Empty))
        {
            switch (field.Name)
            {
                case PlatformsSection:
                    ReadPlatforms(reader, platformParser, field, platforms);
                    break;
                case CatalogSection:
                    // Sources refer to platforms, which may come later in the file.
                    catalogField = field;
                    break;
                case SettingsSection:
                    foreach (var (name, value) in reader.StringMap(field, "a map of setting name to value"))
                    {
                        settings[name] = value;
                    }

                    break;
                case TiersSection:
                    reader.Warn(field.Key, field.Path, "the tiers section is not read by this loader yet and is ignored");
                    break;
                default:
                    if (classicShape)
                    {
                        platforms.Add(platformParser.Parse(field));
                    }
                    else
                    {
                        reader.WarnUnknown(field);
                    }

                    break;
            }
        }

        var catalog = catalogField is { } section ? new CatalogSectionParser(reader, platforms).Parse(section) : [];

        var modelCount = platforms.Sum(p => p.Models.Count);
        var keyCount = platforms.Sum(p => p.Keys.Count);
        PlatformsFileLog.FileRead(logger, platforms.Count, modelCount, keyCount, catalog.Count, fileName);

        return new PlatformsFile(platforms, catalog, settings, reader.Warnings.ToArray());
    }

    private static void ReadPlatforms(YamlFieldReader reader, PlatformSectionParser parser, YamlField section, List<PlatformSeed> platforms)
    {
        var mapping = reader.Mapping(section, "a map of platform name to its settings");
        if (mapping is null)
        {
            return;
        }

        foreach (var platform in reader.Fields(mapping, section.Path))
        {
            platforms.Add(parser.Parse(platform));
        }
    }

    private static YamlNode? LoadRoot(string yamlText, YamlFieldReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException exception)
        {
            throw new ConfigurationFileException(
                reader.FileName,
                (int)Math.Clamp(exception.Start.Line, 0, int.MaxValue),
                (int)Math.Clamp(exception.Start.Column, 0, int.MaxValue),
                "(yaml)",
                DescribeSyntaxError(exception.Message),
                exception);
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            reader.Warn(second, "(yaml)", "the file holds more than one YAML document; only the first is read");
        }

        var root = stream.Documents[0].RootNode;
        return YamlFieldReader.IsNull(root) ? null : root;
    }

    private static string DescribeSyntaxError(string message)
    {
        var text = message.Trim().TrimEnd('.');
        if (text.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            return $"invalid YAML: the key '{text["Duplicate key ".Length..]}' appears twice in the same map";
        }

        // YamlDotNet's parser wording is accurate but rarely says the usual cause.
        var hint = text.Contains("did not find expected", StringComparison.OrdinalIgnoreCase)
            ? " (check the indentation and that every 'name: value' pair has a colon)"
            : string.Empty;
        return $"invalid YAML: {char.ToLowerInvariant(text[0])}{text[1..]}{hint}";
    }
}
