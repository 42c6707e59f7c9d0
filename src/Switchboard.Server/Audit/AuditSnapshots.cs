using System.Text.Json.Nodes;
using Switchboard.Abstractions.Configuration;
using Switchboard.Tenancy;

namespace Switchboard.Server.Audit;

/// <summary>Builds the before/after values the audit log stores for platforms, their keys and models: keys by masked form only.</summary>
/// <remarks>Header values are masked by <see cref="Core.Audit.AuditJson"/> (a header may carry a credential); sealed values never appear here.</remarks>
internal static class AuditSnapshots
{
    /// <summary>Describes a stored platform with its models and keys, or returns null when it is not in <paramref name="data"/>.</summary>
    public static object? Platform(ConfigurationData data, long platformId) =>
        data.Platforms.FirstOrDefault(p => p.Id == platformId) is { } platform
            ? Platform(platform, data.Keys.Where(k => k.PlatformId == platformId), data.Models.Where(m => m.PlatformId == platformId))
            : null;

    /// <summary>Describes a platform with the given keys (and models, when given).</summary>
    public static object Platform(PlatformConfig platform, IEnumerable<ApiKeyConfig> keys, IEnumerable<PlatformModelConfig>? models = null) => new
    {
        id = platform.Id,
        name = platform.Name,
        owner_user_id = platform.OwnerUserId,
        kind = platform.Kind,
        preset = platform.Preset,
        base_url = platform.BaseUrl,
        enabled = platform.Enabled,
        headers = platform.Headers,
        options = platform.Options,
        extra_body = Json(platform.ExtraBodyJson),
        keys = keys.OrderBy(k => k.Id).Select(Key).ToList(),
        models = models?.OrderBy(m => m.Id).Select(Model).ToList(),
    };

    /// <summary>Describes the platform side of a stored platform change, before or after.</summary>
    public static (object Before, object After) Update(PlatformUpdate update) =>
        (Platform(update.Before, update.OwnerKeysBefore),
         new
         {
             platform = Platform(update.After, update.OwnerKeysAfter),
             host_changed = KeyHostRule.MovesKeys(update.Before.BaseUrl, update.After.BaseUrl),
             users_keys_dropped = update.UsersKeysDropped.Select(Key).ToList(),
         });

    /// <summary>Describes one upstream key by its masked form, owner, label, weight, status and quota.</summary>
    public static object Key(ApiKeyConfig key) => new
    {
        id = key.Id,
        platform_id = key.PlatformId,
        owner_user_id = key.OwnerUserId,
        masked = key.Masked,
        label = key.Label,
        weight = key.Weight,
        priority = key.Priority,
        status = key.Status.ToString().ToLowerInvariant(),
        quota = key.Quota is { } quota ? new { tokens = quota.Tokens, cost = quota.Cost, period = quota.Period.ToString().ToLowerInvariant() } : null,
    };

    /// <summary>Describes one platform model.</summary>
    public static object Model(PlatformModelConfig model) => new
    {
        id = model.Id,
        platform_id = model.PlatformId,
        display_name = model.DisplayName,
        upstream_model = model.UpstreamModel,
        extra_body = Json(model.ExtraBodyJson),
        enabled = model.Enabled,
    };

    private static JsonNode? Json(string? text) => string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
}
