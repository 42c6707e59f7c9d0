using System.Text.Json.Serialization;

namespace Switchboard.Server.Presets;

/// <summary>One wire protocol the gateway speaks upstream: whether its calls need a key, and the header the key is sent in by default.</summary>
internal sealed record ProviderKindView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("requires_api_key")] bool RequiresApiKey,
    [property: JsonPropertyName("key_header")] KeyHeaderView? KeyHeader);
