using System.Text.Json;

namespace Switchboard.Console.Pages.Audit;

/// <summary>Reads a page of <c>GET /api/admin/audit</c>: entries newest first, and the cursor of the next (older) page.</summary>
public sealed record AuditEntries(IReadOnlyList<AuditItem> Data, long? NextBefore);

/// <summary>Reads one audit entry: who changed what, when, and the value before and after (secrets masked by the gateway).</summary>
public sealed record AuditItem(long Id, DateTimeOffset Time, string Actor, string Action, string TargetType, string Target, string? RequestId, JsonElement? Before, JsonElement? After);
