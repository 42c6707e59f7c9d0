using System.Text.Json.Serialization;

namespace Switchboard.Server.Presets;

/// <summary>One vendor preset: its kind, default base URL, the header its key is sent in, its quirk options, and whether its calls need a key.</summary>
internal sealed record PresetView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("requires_api_key")] bool RequiresApiKey,
    [property: JsonPropertyName("key_header")] KeyHeaderView? KeyHeader,
    [property: JsonPropertyName("options")] IReadOnlyDictionary<string, string> Options);
