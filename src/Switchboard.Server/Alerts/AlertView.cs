using System.Text.Json.Serialization;
using Switchboard.Abstractions.Usage;

namespace Switchboard.Server.Alerts;

/// <summary>Shows one alert in the admin API.</summary>
internal sealed record AlertView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("delivered_at")] DateTimeOffset? DeliveredAt)
{
    public static AlertView From(AlertRecord alert) =>
        new(alert.Id, alert.Kind, alert.Severity, alert.Subject, alert.Message, alert.Value, alert.Threshold, alert.CreatedAt, alert.DeliveredAt);
}
