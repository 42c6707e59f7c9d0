using Switchboard.Abstractions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Reads the <c>catalog</c> section and checks that every source names a platform model declared in the file.</summary>
internal sealed class CatalogSectionParser
{
    // A client's "slot:fast" names a usage slot, so a catalog id with that prefix could never be reached.
    private const string SlotPrefix = "slot:";

    private readonly YamlFieldReader _reader;
    private readonly IReadOnlyDictionary<string, PlatformSeed> _platforms;

    public CatalogSectionParser(YamlFieldReader reader, IReadOnlyList<PlatformSeed> platforms)
    {
        _reader = reader;
        _platforms = platforms.ToDictionary(p => p.Platform.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<CatalogModelConfig> Parse(YamlField section)
    {
        var mapping = _reader.Mapping(section, "a map of catalog model id to its settings");
        if (mapping is null)
        {
            return [];
        }

        var catalog = new List<CatalogModelConfig>(mapping.Children.Count);
        foreach (var entry in _reader.Fields(mapping, section.Path))
        {
            catalog.Add(ParseModel(entry));
        }

        return catalog;
    }

    private CatalogModelConfig ParseModel(YamlField entry)
    {
        var id = entry.Name.Trim();
        if (id.Length == 0 || id.StartsWith(SlotPrefix, StringComparison.OrdinalIgnoreCase))
        {
            _reader.Fail(entry.Key, entry.Path, $"expected a catalog model id that is not empty and does not start with '{SlotPrefix}'");
        }

        const string Expected = "a map with display_name, sources and prices";
        var mapping = _reader.Mapping(entry, Expected) ?? throw _reader.Error(entry.Key, entry.Path, $"expected {Expected}, found nothing");
        var model = new CatalogModelConfig { Id = id };
        var hasSources = false;

        foreach (var field in _reader.Fields(mapping, entry.Path))
        {
            switch (field.Name)
            {
                case "display_name":
                    model = model with { DisplayName = _reader.String(field) };
                    break;
                case "type":
                    model = model with { Type = PlatformModelParser.ReadModelType(_reader, field) };
                    break;
                case "strategy":
                    model = model with { Strategy = _reader.String(field) };
                    break;
                case "tier_required":
                    model = model with { TierRequired = _reader.String(field) };
                    break;
                case "tags":
                    model = model with { Tags = _reader.StringList(field) };
                    break;
                case "user_input_price":
                    model = model with { UserInputPricePerMillion = _reader.Price(field) ?? 0m };
                    break;
                case "user_output_price":
                    model = model with { UserOutputPricePerMillion = _reader.Price(field) ?? 0m };
                    break;
                case "user_cached_input_price":
                    model = model with { UserCachedInputPricePerMillion = _reader.Price(field) };
                    break;
                case "user_cache_write_price":
                    model = model with { UserCacheWritePricePerMillion = _reader.Price(field) };
                    break;
                case "context_window":
                    model = model with { ContextWindow = _reader.Integer(field, 1) };
                    break;
                case "max_output_tokens":
                    model = model with { MaxOutputTokens = _reader.Integer(field, 1) };
                    break;
                case "active":
                    model = model with { Active = _reader.Boolean(field) ?? true };
                    break;
                case "featured":
                    model = model with { Featured = _reader.Boolean(field) ?? false };
                    break;
                case "cache":
                    model = model with { CacheTtlSeconds = ParseCache(field) };
                    break;
                case "sources":
                    model = model with { Sources = ParseSources(field) };
                    hasSources = model.Sources.Count > 0;
                    break;
                default:
                    _reader.WarnUnknown(field);
                    break;
            }
        }

        if (!hasSources)
        {
            _reader.Warn(entry.Key, entry.Path, $"catalog model {id} has no sources; it cannot serve requests until one is added");
        }

        return model;
    }

    /// <summary>Reads <c>cache: { ttl: 300s }</c>: the response cache's lifetime for the model's answers.</summary>
    private int? ParseCache(YamlField field)
    {
        var mapping = _reader.Mapping(field, "a map with ttl (for example { ttl: 300s })");
        if (mapping is null)
        {
            return null;
        }

        int? seconds = null;
        foreach (var setting in _reader.Fields(mapping, field.Path))
        {
            if (setting.Name != "ttl")
            {
                _reader.WarnUnknown(setting);
                continue;
            }

            seconds = Caching.CacheLifetimeText.Seconds(_reader.String(setting))
                ?? throw _reader.Error(setting.Key, setting.Path, "expected a lifetime such as 300, 300s, 5m, 1h or 1d (at most a year)");
        }

        return seconds;
    }

    private List<CatalogSourceConfig> ParseSources(YamlField field)
    {
        var sources = new List<CatalogSourceConfig>();
        if (YamlFieldReader.IsNull(field.Value))
        {
            return sources;
        }

        if (field.Value is not YamlSequenceNode sequence)
        {
            throw _reader.Error(field.Key, field.Path, $"expected a list of sources with platform and model, found {YamlFieldReader.Describe(field.Value)}");
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{field.Path}[{i}]";
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                throw _reader.Error(sequence.Children[i], path, $"expected a map with platform and model, found {YamlFieldReader.Describe(sequence.Children[i])}");
            }

            sources.Add(ParseSource(item, path));
        }

        return sources;
    }

    private CatalogSourceConfig ParseSource(YamlMappingNode item, string path)
    {
        YamlField? platformField = null, modelField = null;
        int priority = 0, weight = 1;
        foreach (var field in _reader.Fields(item, path))
        {
            switch (field.Name)
            {
                case "platform":
                    platformField = field;
                    break;
                case "model":
                    modelField = field;
                    break;
                case "priority":
                    priority = _reader.Integer(field, int.MinValue) ?? 0;
                    break;
                case "weight":
                    weight = _reader.Integer(field, 0) ?? 1;
                    break;
                default:
                    _reader.WarnUnknown(field);
                    break;
            }
        }

        var platformName = platformField is { } p ? _reader.RequiredString(p) : throw _reader.Error(item, YamlFieldReader.Join(path, "platform"), "expected the name of a platform in this file");
        var modelName = modelField is { } m ? _reader.RequiredString(m) : throw _reader.Error(item, YamlFieldReader.Join(path, "model"), "expected the display name of a model of the platform");

        if (!_platforms.TryGetValue(platformName, out var platform))
        {
            var known = _platforms.Count == 0 ? "none" : string.Join(", ", _platforms.Keys);
            throw _reader.Error(platformField.Value.Key, platformField.Value.Path, $"unknown platform '{platformName}'; platforms in this file: {known}");
        }

        if (!platform.Models.Any(model => string.Equals(model.DisplayName, modelName, StringComparison.Ordinal)))
        {
            var byUpstream = platform.Models.FirstOrDefault(model => string.Equals(model.UpstreamModel, modelName, StringComparison.Ordinal));
            var hint = byUpstream is null
                ? string.Empty
                : $"; '{modelName}' is the upstream name of its model '{byUpstream.DisplayName}', and sources name models by display name";
            throw _reader.Error(modelField.Value.Key, modelField.Value.Path, $"platform '{platformName}' has no model '{modelName}'{hint}");
        }

        return new CatalogSourceConfig(platformName, modelName, priority, weight);
    }
}
