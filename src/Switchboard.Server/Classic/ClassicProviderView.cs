using System.Text.Json.Serialization;

namespace Switchboard.Server.Classic;

/// <summary>One source's provider: the platform's name, its wire protocol (kind) and its vendor preset; <c>provider</c> filters match any of the three.</summary>
internal sealed record ClassicProviderView(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("preset")] string? Preset);
