using System.Text.Json.Serialization;
using Switchboard.Abstractions.Configuration;

namespace Switchboard.Server.Admin;

/// <summary>The answer of a forced reset from the platforms file: what was added, updated and removed.</summary>
internal sealed record ResetFromFileView(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("platforms_added")] int PlatformsAdded,
    [property: JsonPropertyName("platforms_updated")] int PlatformsUpdated,
    [property: JsonPropertyName("platforms_removed")] int PlatformsRemoved,
    [property: JsonPropertyName("models_added")] int ModelsAdded,
    [property: JsonPropertyName("models_removed")] int ModelsRemoved,
    [property: JsonPropertyName("keys_added")] int KeysAdded,
    [property: JsonPropertyName("hosts_changed")] IReadOnlyList<string> HostsChanged,
    [property: JsonPropertyName("users_keys_dropped")] int UsersKeysDropped,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings)
{
    public static ResetFromFileView From(SeedResult result, IReadOnlyList<string> warnings) => new(
        true,
        result.PlatformsAdded,
        result.PlatformsUpdated,
        result.PlatformsRemoved,
        result.ModelsAdded,
        result.ModelsRemoved,
        result.KeysAdded,
        result.HostsChanged,
        result.UserKeysDropped,
        warnings);
}
