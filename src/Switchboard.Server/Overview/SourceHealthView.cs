using System.Text.Json.Serialization;

namespace Switchboard.Server.Overview;

/// <summary>One system platform at a glance: its pool's status now, its traffic in the period, and each key.</summary>
internal sealed record SourceHealthView(
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("success_rate")] double? SuccessRate,
    [property: JsonPropertyName("keys")] IReadOnlyList<SourceKeyHealthView> Keys);
