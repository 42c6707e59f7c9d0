using System.Text.Json.Serialization;
using Switchboard.Server.KeyQuotas;

namespace Switchboard.Server.PlatformKeys;

/// <summary>Shows an upstream key with its status, health and quota; the key appears masked, never whole.</summary>
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
    [property: JsonPropertyName("cooling_until"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CoolingUntil,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonPropertyName("success_rate")] double SuccessRate,
    [property: JsonPropertyName("quota")] KeyQuotaLimitsView? Quota,
    [property: JsonPropertyName("quota_usage")] KeyQuotaUsageView? QuotaUsage);

/// <summary>The answer to revalidating a key: whether it carried an invalid mark, and the key as it is now.</summary>
internal sealed record RevalidatedKeyView(
    [property: JsonPropertyName("was_invalid")] bool WasInvalid,
    [property: JsonPropertyName("key")] PlatformKeyView Key);

/// <summary>The answer to removing a key: the key as it was.</summary>
internal sealed record RemovedKeyView(
    [property: JsonPropertyName("deleted")] bool Deleted,
    [property: JsonPropertyName("key")] PlatformKeyView Key);

/// <summary>The body of <c>PATCH /api/admin/platform-keys/{id}</c>: absent fields keep their value; <c>"label": null</c> clears the label.</summary>
internal sealed record PlatformKeyPatchRequest(
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("weight")] int? Weight = null,
    [property: JsonPropertyName("priority")] int? Priority = null,
    [property: JsonPropertyName("label")] string? Label = null);

/// <summary>The body of <c>POST /api/admin/platform-keys/{id}/rotate</c>: the new secret, which replaces the old one in place.</summary>
internal sealed record PlatformKeyRotateRequest(
    [property: JsonPropertyName("api_key")] string? ApiKey = null);
