using Switchboard.Abstractions.Configuration;
using YamlDotNet.RepresentationModel;

namespace Switchboard.Core.Configuration;

/// <summary>Reads a platform's <c>models</c>: display name to upstream model name, or to a map of model settings.</summary>
internal sealed class PlatformModelParser
{
    private const string ExpectedModels = "a map of display name to upstream model name";
    private const string ExpectedModel = "an upstream model name or a map with model_name";

    private readonly YamlFieldReader _reader;

    public PlatformModelParser(YamlFieldReader reader)
    {
        _reader = reader;
    }

    public IReadOnlyList<PlatformModelConfig> Parse(YamlField? modelsField)
    {
        if (modelsField is not { } field)
        {
            return [];
        }

        if (field.Value is YamlSequenceNode)
        {
            throw _reader.Error(field.Key, field.Path, $"expected {ExpectedModels} (such as 'qwen-flash': qwen-flash), found a list");
        }

        var mapping = _reader.Mapping(field, ExpectedModels);
        if (mapping is null)
        {
            return [];
        }

        var models = new List<PlatformModelConfig>(mapping.Children.Count);
        foreach (var entry in _reader.Fields(mapping, field.Path))
        {
            models.Add(ParseModel(entry));
        }

        return models;
    }

    internal static string ReadModelType(YamlFieldReader reader, YamlField field)
    {
        var type = reader.String(field);
        return type is null ? ModelTypes.Chat
            : ModelTypes.Parse(type) ?? throw reader.Error(field.Key, field.Path, $"expected chat or embedding, found '{type.ToLowerInvariant()}'");
    }

    private PlatformModelConfig ParseModel(YamlField entry)
    {
        var displayName = entry.Name.Trim();
        if (displayName.Length == 0)
        {
            _reader.Fail(entry.Key, entry.Path, "expected a model display name");
        }

        switch (entry.Value)
        {
            case YamlScalarNode when !YamlFieldReader.IsNull(entry.Value):
                var upstream = _reader.RequiredString(entry);
                return new PlatformModelConfig { DisplayName = displayName, UpstreamModel = upstream, Type = ModelTypes.Infer(upstream) };
            case YamlMappingNode mapping:
                return ParseModelMap(displayName, mapping, entry.Path);
            default:
                throw _reader.Error(entry.Key, entry.Path, $"expected {ExpectedModel}, found {YamlFieldReader.Describe(entry.Value)}");
        }
    }

    private PlatformModelConfig ParseModelMap(string displayName, YamlMappingNode mapping, string path)
    {
        // A map without model_name means the display name is the upstream name, which keeps short entries short.
        var model = new PlatformModelConfig { DisplayName = displayName, UpstreamModel = displayName };
        YamlField? type = null;
        bool? isEmbedding = null;

        foreach (var field in _reader.Fields(mapping, path))
        {
            switch (field.Name)
            {
                case "model_name" or "model":
                    model = model with { UpstreamModel = _reader.RequiredString(field) };
                    break;
                case "extra_body":
                    model = model with { ExtraBodyJson = YamlJsonConverter.ToJsonObject(_reader, field) };
                    break;
                case "input_price":
                    model = model with { InputPricePerMillion = _reader.Price(field) ?? 0m };
                    break;
                case "output_price":
                    model = model with { OutputPricePerMillion = _reader.Price(field) ?? 0m };
                    break;
                case "cached_input_price":
                    model = model with { CachedInputPricePerMillion = _reader.Price(field) };
                    break;
                case "cache_write_price":
                    model = model with { CacheWritePricePerMillion = _reader.Price(field) };
                    break;
                case "cache_write_1h_price":
                    model = model with { CacheWrite1HourPricePerMillion = _reader.Price(field) };
                    break;
                case "context_window":
                    model = model with { ContextWindow = _reader.Integer(field, 1) };
                    break;
                case "capabilities":
                    model = model with { Capabilities = _reader.StringList(field) };
                    break;
                case "enabled":
                    model = model with { Enabled = _reader.Boolean(field) ?? true };
                    break;
                case "type":
                    type = field;
                    break;
                case "is_embedding":
                    // The classic file marks embedding models with is_embedding: true.
                    isEmbedding = _reader.Boolean(field);
                    break;
                default:
                    _reader.WarnUnknown(field);
                    break;
            }
        }

        // A declared type wins, then the classic is_embedding flag; a model that says neither is typed by its upstream name.
        var resolvedType = type is { } typeField ? ReadModelType(_reader, typeField)
            : isEmbedding is { } embedding ? (embedding ? ModelTypes.Embedding : ModelTypes.Chat)
            : ModelTypes.Infer(model.UpstreamModel);
        return model with { Type = resolvedType };
    }
}
