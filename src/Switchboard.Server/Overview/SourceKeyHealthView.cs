using System.Text.Json.Serialization;

namespace Switchboard.Server.Overview;

/// <summary>One upstream key of a platform, masked: its status and cooldown now, its recent success rate, and its traffic in the period.</summary>
internal sealed record SourceKeyHealthView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("masked")] string Masked,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("cooling_until"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CoolingUntil,
    [property: JsonPropertyName("recent_success_rate")] double RecentSuccessRate,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("success_rate")] double? SuccessRate);
