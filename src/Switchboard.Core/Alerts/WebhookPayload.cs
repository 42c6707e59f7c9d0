using System.Text.Json.Serialization;

namespace Switchboard.Core.Alerts;

/// <summary>The JSON body an alert webhook receives.</summary>
internal sealed record WebhookPayload(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
