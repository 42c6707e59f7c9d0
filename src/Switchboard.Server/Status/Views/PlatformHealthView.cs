using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports one system platform's key pool.</summary>
/// <param name="Name">The platform.</param>
/// <param name="Kind">The provider kind.</param>
/// <param name="Keys">Configured keys.</param>
/// <param name="KeysCooling">Keys cooling down.</param>
/// <param name="Status">Healthy, degraded (some keys cooling) or unavailable (every key cooling).</param>
internal sealed record PlatformHealthView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("keys")] int Keys,
    [property: JsonPropertyName("keys_cooling")] int KeysCooling,
    [property: JsonPropertyName("status")] string Status);
