using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Describes a platform with its secrets masked.</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The name.</param>
/// <param name="Kind">The provider kind.</param>
/// <param name="Preset">The preset.</param>
/// <param name="BaseUrl">The base URL.</param>
/// <param name="Owner">The owner user id.</param>
/// <param name="Enabled">Whether it serves.</param>
/// <param name="Headers">Extra headers, values masked.</param>
/// <param name="Options">Options, secret-like values masked.</param>
/// <param name="ExtraBody">The default extra body, secret-like fields masked.</param>
/// <param name="Keys">The keys, masked.</param>
/// <param name="Models">The models.</param>
internal sealed record DebugPlatformView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("preset")] string? Preset,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
    [property: JsonPropertyName("options")] IReadOnlyDictionary<string, string> Options,
    [property: JsonPropertyName("extra_body")] System.Text.Json.Nodes.JsonNode? ExtraBody,
    [property: JsonPropertyName("keys")] IReadOnlyList<DebugKeyView> Keys,
    [property: JsonPropertyName("models")] IReadOnlyList<DebugModelView> Models);
