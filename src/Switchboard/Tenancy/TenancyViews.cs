using System.Text.Json.Serialization;

namespace Switchboard.Tenancy;

/// <summary>One usage slot as the classic <c>/api/ai/user-selection</c> routes show it, resolved (and repaired if needed).</summary>
/// <remarks>The classic GET answer is the asked slot with every slot in <see cref="UsageSelections"/>; inside that list it stays null and is not written.</remarks>
public sealed record UsageSelectionView(
    [property: JsonPropertyName("usage_key")] string UsageKey,
    [property: JsonPropertyName("usage_label")] string UsageLabel,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("platform")] string? Platform,
    [property: JsonPropertyName("platform_id")] long? PlatformId,
    [property: JsonPropertyName("platform_is_sys")] bool PlatformIsSys,
    [property: JsonPropertyName("base_url")] string? BaseUrl,
    [property: JsonPropertyName("model_display_name")] string ModelDisplayName,
    [property: JsonPropertyName("model_id")] long? ModelId,
    [property: JsonPropertyName("model_name")] string? ModelName,
    [property: JsonPropertyName("api_key_set")] bool ApiKeySet,
    [property: JsonPropertyName("error")] string? Error = null,
    [property: JsonPropertyName("usage_selections"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UsageSelectionView>? UsageSelections = null);

/// <summary>One platform model a user may pick, as the classic <c>get_platform_models</c> listing shows it.</summary>
public sealed record PlatformModelView(
    [property: JsonPropertyName("platform_id")] long PlatformId,
    [property: JsonPropertyName("platform_name")] string PlatformName,
    [property: JsonPropertyName("platform_is_sys")] bool PlatformIsSys,
    [property: JsonPropertyName("platform_hide")] bool PlatformHide,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("api_key_set")] bool ApiKeySet,
    [property: JsonPropertyName("model_id")] long ModelId,
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("display_name")] string DisplayName);

/// <summary>What one user resolves to for a slot: the dispatcher query's answer.</summary>
public sealed record DispatchView(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("tier")] string Tier,
    [property: JsonPropertyName("usage_key")] string UsageKey,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("platform")] string? Platform,
    [property: JsonPropertyName("key_source")] string KeySource,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>One upstream key a user brought: their own key for a system platform, or the key of their private platform; masked only.</summary>
public sealed record OwnKeyView(
    [property: JsonPropertyName("platform_id")] long PlatformId,
    [property: JsonPropertyName("platform_name")] string PlatformName,
    [property: JsonPropertyName("platform_is_sys")] bool PlatformIsSys,
    [property: JsonPropertyName("masked")] string Masked);
