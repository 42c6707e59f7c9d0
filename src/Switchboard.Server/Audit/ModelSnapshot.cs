using System.Text.Json.Nodes;

namespace Switchboard.Server.Audit;

/// <summary>A platform model as the audit log records it.</summary>
internal sealed record ModelSnapshot(long Id, long PlatformId, string DisplayName, string? UpstreamModel, JsonNode? ExtraBody, bool Enabled);
