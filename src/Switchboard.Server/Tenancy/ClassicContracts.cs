using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Tenancy;

namespace Switchboard.Server.Tenancy;

/// <summary>The body of <c>POST /api/ai/user-selection</c> and <c>POST /api/ai/user-selection/usage</c>: a catalog model, or the classic platform/model ids.</summary>
internal sealed record SelectionRequest(
    [property: JsonPropertyName("usage_key")] string? UsageKey = null,
    [property: JsonPropertyName("usage_label")] string? UsageLabel = null,
    [property: JsonPropertyName("platform_id")] long? PlatformId = null,
    [property: JsonPropertyName("model_id")] long? ModelId = null,
    [property: JsonPropertyName("model")] string? Model = null);

/// <summary>A list answer: <c>{"data":[...]}</c>.</summary>
internal sealed record DataList<T>([property: JsonPropertyName("data")] IReadOnlyList<T> Data);

/// <summary>The body that creates a platform (a user's private one, or a system one on the admin route).</summary>
/// <remarks><c>models</c> maps a display name to an upstream model name, or to <c>{"model_name", "extra_body"}</c>, as the platforms file does.</remarks>
internal sealed record PlatformCreateRequest(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("base_url")] string? BaseUrl = null,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("preset")] string? Preset = null,
    [property: JsonPropertyName("api_key")] string? ApiKey = null,
    [property: JsonPropertyName("extra_body")] JsonElement? ExtraBody = null,
    [property: JsonPropertyName("models")] JsonElement? Models = null);

/// <summary>The body that changes a platform; absent fields stay as they are. On the admin route <c>id</c> or <c>name</c> picks the platform.</summary>
/// <remarks><c>api_key</c> (or <c>api_keys</c>, several for a system pool, <c>[]</c> for none) replaces the owner's stored keys; a base URL on a new host needs it.</remarks>
internal sealed record PlatformUpdateRequest(
    [property: JsonPropertyName("id")] long? Id = null,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("new_name")] string? NewName = null,
    [property: JsonPropertyName("base_url")] string? BaseUrl = null,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("preset")] string? Preset = null,
    [property: JsonPropertyName("enabled")] bool? Enabled = null,
    [property: JsonPropertyName("extra_body")] JsonElement? ExtraBody = null,
    [property: JsonPropertyName("api_key")] string? ApiKey = null,
    [property: JsonPropertyName("api_keys")] IReadOnlyList<string?>? ApiKeys = null);

/// <summary>The optional body of <c>DELETE /api/ai/admin/sys-platform</c>.</summary>
internal sealed record PlatformDeleteRequest(
    [property: JsonPropertyName("id")] long? Id = null,
    [property: JsonPropertyName("name")] string? Name = null);

/// <summary>The body that adds a model to a platform; without <c>type</c> (or <c>is_embedding</c>) the type follows the upstream name.</summary>
internal sealed record ModelCreateRequest(
    [property: JsonPropertyName("model_name")] string? ModelName = null,
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("extra_body")] JsonElement? ExtraBody = null,
    [property: JsonPropertyName("type")] string? Type = null);

/// <summary>The body that changes a model; absent fields stay as they are, and an <c>extra_body</c> of <c>null</c> or <c>{}</c> clears it.</summary>
internal sealed record ModelUpdateRequest(
    [property: JsonPropertyName("display_name")] string? DisplayName = null,
    [property: JsonPropertyName("model_name")] string? ModelName = null,
    [property: JsonPropertyName("extra_body")] JsonElement? ExtraBody = null);

/// <summary>The body of <c>POST /api/ai/platform/{id}/api-key</c>; an empty or null key removes the caller's key.</summary>
internal sealed record PlatformKeyRequest([property: JsonPropertyName("api_key")] string? ApiKey = null);

/// <summary>The body of <c>POST /api/ai/platform/{id}/visibility</c>.</summary>
internal sealed record VisibilityRequest([property: JsonPropertyName("hide")] bool? Hide = null);

/// <summary>The body of <c>POST /api/ai/admin/sys-platform/api-key</c>: the platform by id or name, and the key.</summary>
internal sealed record SystemKeyRequest(
    [property: JsonPropertyName("platform_id")] long? PlatformId = null,
    [property: JsonPropertyName("platform_name")] string? PlatformName = null,
    [property: JsonPropertyName("platform")] string? Platform = null,
    [property: JsonPropertyName("api_key")] string? ApiKey = null,
    [property: JsonPropertyName("label")] string? Label = null,
    [property: JsonPropertyName("weight")] int? Weight = null);

/// <summary>A platform model as the platform routes show it (also the answer to creating one).</summary>
internal sealed record ModelView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("platform_id")] long PlatformId,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A platform as the platform routes show it (never with a key).</summary>
internal sealed record PlatformView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("preset")] string? Preset,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("models"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ModelView>? Models = null);

/// <summary>A server key as the sys-platform listing shows it: masked only.</summary>
internal sealed record SystemKeyView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("weight")] int Weight);

/// <summary>A system platform with its models and masked server keys.</summary>
internal sealed record SystemPlatformView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("preset")] string? Preset,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelView> Models,
    [property: JsonPropertyName("keys")] IReadOnlyList<SystemKeyView> Keys);

/// <summary>The answer to adding a server key: its id and masked form, never the key.</summary>
internal sealed record CreatedSystemKey(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("platform_id")] long PlatformId,
    [property: JsonPropertyName("masked")] string Masked);

/// <summary>The answer to saving a user's own key: whether one is stored now, masked.</summary>
internal sealed record PlatformKeyResult(
    [property: JsonPropertyName("platform_id")] long PlatformId,
    [property: JsonPropertyName("own_key_set")] bool OwnKeySet,
    [property: JsonPropertyName("masked")] string? Masked);

/// <summary>The answer to hiding or showing a platform.</summary>
internal sealed record VisibilityResult(
    [property: JsonPropertyName("platform_id")] long PlatformId,
    [property: JsonPropertyName("hide")] bool Hide);

/// <summary>The answer of the classic delete routes, which return a body (classic clients parse one).</summary>
internal sealed record DeletedResult(
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Id = null,
    [property: JsonPropertyName("usage_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UsageKey = null,
    [property: JsonPropertyName("deleted")] bool Deleted = true);
