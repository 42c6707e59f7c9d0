using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.Abstractions.Audit;

namespace Switchboard.Server.Audit;

/// <summary>One audit entry as <c>GET /api/admin/audit</c> shows it; before and after are JSON values, secrets masked.</summary>
internal sealed record AuditView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("virtual_key_id")] long? VirtualKeyId,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("target_type")] string TargetType,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("before")] JsonElement? Before,
    [property: JsonPropertyName("after")] JsonElement? After)
{
    public static AuditView From(AuditEntry entry) =>
        new(entry.Id, entry.Timestamp, entry.Actor, entry.VirtualKeyId, entry.Action, entry.TargetType, entry.Target, entry.RequestId, Parse(entry.Before), Parse(entry.After));

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>A page of audit entries, newest first; <c>next_before</c> fetches the next (older) page, null on the last one.</summary>
internal sealed record AuditPage(
    [property: JsonPropertyName("data")] IReadOnlyList<AuditView> Data,
    [property: JsonPropertyName("next_before")] long? NextBefore);
