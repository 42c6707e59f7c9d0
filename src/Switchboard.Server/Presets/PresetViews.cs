using System.Text.Json.Serialization;

namespace Switchboard.Server.Presets;

/// <summary>What a new platform can be based on: the vendor presets and the wire protocols (kinds) the gateway speaks.</summary>
internal sealed record PresetCatalogView(
    [property: JsonPropertyName("presets")] IReadOnlyList<PresetView> Presets,
    [property: JsonPropertyName("kinds")] IReadOnlyList<ProviderKindView> Kinds);
