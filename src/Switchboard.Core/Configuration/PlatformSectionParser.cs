using System.Collections.Frozen;
using Switchboard.Abstractions.Configuration;
using Switchboard.Abstractions.Providers;
using Switchboard.Core.Secrets;

namespace Switchboard.Core.Configuration;

/// <summary>Reads one platform entry: kind and preset, base URL, keys, models, headers, extra body and options.</summary>
internal sealed class PlatformSectionParser
{
    private const string DefaultKind = "openai";
    private const string DemoKind = "demo";

    // Kinds are wire protocols, not vendors; another kind may be registered by a plugin, so an unknown one only warns.
    private static readonly FrozenSet<string> BuiltInKinds = FrozenSet.Create(StringComparer.Ordinal, "openai", "anthropic", "gemini", "azure-openai", DemoKind);

    private readonly YamlFieldReader _reader;
    private readonly IPlatformPresets _presets;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly PlatformKeyParser _keys;
    private readonly PlatformModelParser _models;

    public PlatformSectionParser(YamlFieldReader reader, SecretSealer sealer, IPlatformPresets presets, Func<string, string?> getEnvironmentVariable)
    {
        _reader = reader;
        _presets = presets;
        _getEnvironmentVariable = getEnvironmentVariable;
        _keys = new PlatformKeyParser(reader, sealer, getEnvironmentVariable);
        _models = new PlatformModelParser(reader);
    }

    public PlatformSeed Parse(YamlField platform)
    {
        var name = platform.Name.Trim();
        if (name.Length == 0)
        {
            _reader.Fail(platform.Key, platform.Path, "expected a platform name");
        }

        const string Expected = "a map with base_url, api_key and models";
        var mapping = _reader.Mapping(platform, Expected) ?? throw _reader.Error(platform.Key, platform.Path, $"expected {Expected}, found nothing");

        YamlField? baseUrl = null, kind = null, preset = null, apiKey = null, keys = null, models = null;
        var config = new PlatformConfig { Name = name, Kind = DefaultKind, BaseUrl = string.Empty, OwnerUserId = SystemUser.Id };
        foreach (var field in _reader.Fields(mapping, platform.Path))
        {
            switch (field.Name)
            {
                case "base_url":
                    baseUrl = field;
                    break;
                case "kind":
                    kind = field;
                    break;
                case "preset":
                    preset = field;
                    break;
                case "api_key":
                    apiKey = field;
                    break;
                case "keys":
                    keys = field;
                    break;
                case "models":
                    models = field;
                    break;
                case "headers":
                    config = config with { Headers = _reader.StringMap(field, "a map of header name to value") };
                    break;
                case "options":
                    config = config with { Options = _reader.StringMap(field, "a map of option name to value") };
                    break;
                case "extra_body":
                    config = config with { ExtraBodyJson = YamlJsonConverter.ToJsonObject(_reader, field) };
                    break;
                case "enabled":
                    config = config with { Enabled = _reader.Boolean(field) ?? true };
                    break;
                default:
                    _reader.WarnUnknown(field);
                    break;
            }
        }

        // Fields are resolved in dependency order, not file order: the base URL may come from the preset.
        var explicitPreset = preset is { } presetField ? FindPreset(presetField) : null;
        var explicitKind = kind is { } kindField ? ReadKind(kindField) : null;
        var url = (baseUrl is { } urlField ? ReadBaseUrl(urlField) : null)
            ?? explicitPreset?.BaseUrl.TrimEnd('/')
            ?? (explicitKind == DemoKind ? string.Empty : null)
            ?? throw _reader.Error(
                baseUrl?.Key ?? platform.Key,
                YamlFieldReader.Join(platform.Path, "base_url"),
                "base_url is required unless a preset gives one");

        var matchedPreset = explicitPreset is null ? MatchPreset(url, explicitKind) : null;
        var effectivePreset = explicitPreset ?? matchedPreset;

        return new PlatformSeed
        {
            Platform = config with
            {
                BaseUrl = url,
                Kind = explicitKind ?? effectivePreset?.Kind ?? DefaultKind,
                Preset = effectivePreset?.Name,
            },
            Keys = _keys.Parse(name, apiKey, keys),
            Models = _models.Parse(models),
        };
    }

    private PlatformPreset FindPreset(YamlField field)
    {
        var name = _reader.RequiredString(field);
        if (_presets.Find(name) is { } found)
        {
            return found;
        }

        var known = string.Join(", ", _presets.All.Select(p => p.Name).Order(StringComparer.Ordinal));
        throw _reader.Error(field.Key, field.Path, $"unknown preset '{name}'; known presets: {known}");
    }

    private string ReadKind(YamlField field)
    {
        var kind = _reader.RequiredString(field).ToLowerInvariant();
        if (!BuiltInKinds.Contains(kind))
        {
            _reader.Warn(field.Key, field.Path, $"kind '{kind}' is not built in ({string.Join(", ", BuiltInKinds.Order(StringComparer.Ordinal))}); a plugin must register it");
        }

        return kind;
    }

    private string? ReadBaseUrl(YamlField field)
    {
        var text = _reader.String(field);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // The classic file allows "{GEMINI_URL}/v1"; an unset variable would leave a URL that silently goes nowhere.
        var url = EnvironmentPlaceholders.Substitute(text, _getEnvironmentVariable, out var missing);
        if (missing is not null)
        {
            _reader.Fail(field.Key, field.Path, $"environment variable {missing} used in base_url is not set");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            _reader.Fail(field.Key, field.Path, "expected an absolute http:// or https:// URL");
        }

        return url.TrimEnd('/');
    }

    private PlatformPreset? MatchPreset(string url, string? explicitKind)
    {
        if (url.Length == 0 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var matched = _presets.MatchBaseUrl(uri);

        // A base URL that looks like a vendor's but is spoken to with another protocol must not pick up that vendor's quirks.
        return matched is not null && (explicitKind is null || string.Equals(explicitKind, matched.Kind, StringComparison.OrdinalIgnoreCase))
            ? matched
            : null;
    }
}
