using System.Text.Json.Nodes;
using Switchboard.Abstractions.Configuration;
using Switchboard.Tenancy;

namespace Switchboard.Server.Audit;

/// <summary>Builds the before/after values the audit log stores for platforms, their keys and models: keys by masked form only.</summary>
/// <remarks>
/// Header values are masked by <see cref="Core.Audit.AuditJson"/> (a header may carry a credential); sealed values never appear here.
/// The snapshots are named records with compiled JSON contracts (<see cref="Http.ServerJsonContext"/>); the audit log writes their
/// members in snake_case.
/// </remarks>
internal static class AuditSnapshots
{
    /// <summary>Describes a stored platform with its models and keys, or returns null when it is not in <paramref name="data"/>.</summary>
    public static PlatformSnapshot? Platform(ConfigurationData data, long platformId) =>
        data.Platforms.FirstOrDefault(p => p.Id == platformId) is { } platform
            ? Platform(platform, data.Keys.Where(k => k.PlatformId == platformId), data.Models.Where(m => m.PlatformId == platformId))
            : null;

    /// <summary>Describes a platform with the given keys (and models, when given).</summary>
    public static PlatformSnapshot Platform(PlatformConfig platform, IEnumerable<ApiKeyConfig> keys, IEnumerable<PlatformModelConfig>? models = null) => new(
        platform.Id,
        platform.Name,
        platform.OwnerUserId,
        platform.Kind,
        platform.Preset,
        platform.BaseUrl,
        platform.Enabled,
        platform.Headers,
        platform.Options,
        Json(platform.ExtraBodyJson),
        [.. keys.OrderBy(k => k.Id).Select(Key)],
        models?.OrderBy(m => m.Id).Select(Model).ToList());

    /// <summary>Describes the platform side of a stored platform change, before or after.</summary>
    public static (PlatformSnapshot Before, PlatformUpdateSnapshot After) Update(PlatformUpdate update) =>
        (Platform(update.Before, update.OwnerKeysBefore),
         new PlatformUpdateSnapshot(
             Platform(update.After, update.OwnerKeysAfter),
             KeyHostRule.MovesKeys(update.Before.BaseUrl, update.After.BaseUrl),
             [.. update.UsersKeysDropped.Select(Key)]));

    /// <summary>Describes one upstream key by its masked form, owner, label, weight, status and quota.</summary>
    public static KeySnapshot Key(ApiKeyConfig key) => new(
        key.Id,
        key.PlatformId,
        key.OwnerUserId,
        key.Masked,
        key.Label,
        key.Weight,
        key.Priority,
        key.Status.ToString().ToLowerInvariant(),
        key.Quota is { } quota ? new KeyQuotaSnapshot(quota.Tokens, quota.Cost, quota.Period.ToString().ToLowerInvariant()) : null);

    /// <summary>Describes one platform model.</summary>
    public static ModelSnapshot Model(PlatformModelConfig model) =>
        new(model.Id, model.PlatformId, model.DisplayName, model.UpstreamModel, Json(model.ExtraBodyJson), model.Enabled);

    private static JsonNode? Json(string? text) => string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
}
