using System.Text.Json.Serialization;

namespace Switchboard.Server.Presets;

/// <summary>The header an upstream key travels in and the scheme before it (empty: the header holds the key alone).</summary>
internal sealed record KeyHeaderView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scheme")] string Scheme);
