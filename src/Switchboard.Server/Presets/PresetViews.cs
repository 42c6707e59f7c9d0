using System.Text.Json.Serialization;

namespace Switchboard.Server.Presets;

/// <summary>What a new platform can be based on: the vendor presets and the wire protocols (kinds) the gateway speaks.</summary>
internal sealed record PresetCatalogView(
    [property: JsonPropertyName("presets")] IReadOnlyList<PresetView> Presets,
    [property: JsonPropertyName("kinds")] IReadOnlyList<ProviderKindView> Kinds);

/// <summary>One vendor preset: its kind, default base URL and options, and whether its calls need a key.</summary>
internal sealed record PresetView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("requires_api_key")] bool RequiresApiKey,
    [property: JsonPropertyName("options")] IReadOnlyDictionary<string, string> Options);

/// <summary>One wire protocol the gateway speaks upstream, and whether its calls need a key.</summary>
internal sealed record ProviderKindView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("requires_api_key")] bool RequiresApiKey);
