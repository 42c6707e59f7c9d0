using System.Text.Json.Serialization;

namespace Switchboard.Server.PlatformKeys;

/// <summary>Shows an upstream key with its status; the key appears masked, never whole.</summary>
internal sealed record PlatformKeyView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("platform_id")] long PlatformId,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("owner_user_id")] string OwnerUserId,
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("weight")] int Weight,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("cooldown_remaining_seconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? CooldownRemainingSeconds,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);

/// <summary>The answer to revalidating a key: whether it carried an invalid mark, and the key as it is now.</summary>
internal sealed record RevalidatedKeyView(
    [property: JsonPropertyName("was_invalid")] bool WasInvalid,
    [property: JsonPropertyName("key")] PlatformKeyView Key);
