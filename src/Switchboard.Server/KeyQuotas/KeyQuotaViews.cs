using System.Text.Json.Serialization;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Routing.Quotas;
using Switchboard.Server.Tenancy;

namespace Switchboard.Server.KeyQuotas;

/// <summary>The body of <c>PUT /api/admin/platform-keys/{id}/quota</c>: the whole quota; without tokens and cost the quota is removed.</summary>
internal sealed record KeyQuotaRequest(
    [property: JsonPropertyName("tokens")] long? Tokens = null,
    [property: JsonPropertyName("cost")] decimal? Cost = null,
    [property: JsonPropertyName("period")] string? Period = null);

/// <summary>Shows an upstream key's quota and its consumption in the current window; the key appears masked.</summary>
internal sealed record KeyQuotaView(
    [property: JsonPropertyName("key_id")] long KeyId,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("quota")] KeyQuotaLimitsView? Quota,
    [property: JsonPropertyName("usage")] KeyQuotaUsageView? Usage);

/// <summary>Shows a quota's limits.</summary>
internal sealed record KeyQuotaLimitsView(
    [property: JsonPropertyName("tokens")] long? Tokens,
    [property: JsonPropertyName("cost")] decimal? Cost,
    [property: JsonPropertyName("period")] string Period)
{
    public static KeyQuotaLimitsView? From(KeyQuotaConfig? quota) =>
        quota is { Any: true } ? new(quota.Tokens, quota.Cost, LimitFields.PeriodName(quota.Period)) : null;
}

/// <summary>Shows a key's consumption in the current quota window.</summary>
internal sealed record KeyQuotaUsageView(
    [property: JsonPropertyName("window_start")] DateTimeOffset WindowStart,
    [property: JsonPropertyName("window_end")] DateTimeOffset WindowEnd,
    [property: JsonPropertyName("tokens_used")] long TokensUsed,
    [property: JsonPropertyName("cost_used")] decimal CostUsed,
    [property: JsonPropertyName("used_fraction")] double UsedFraction,
    [property: JsonPropertyName("exhausted")] bool Exhausted)
{
    public static KeyQuotaUsageView? From(KeyQuotaUsage? usage) => usage is null
        ? null
        : new(usage.WindowStart, usage.WindowEnd, usage.TokensUsed, usage.CostUsed, Math.Round(usage.UsedFraction, 4), usage.Exhausted);
}
