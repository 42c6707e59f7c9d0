using System.Text.Json.Nodes;

namespace Switchboard.Server.Audit;

/// <summary>A platform as the audit log records it: settings, keys by masked form, and models when known.</summary>
internal sealed record PlatformSnapshot(
    long Id,
    string Name,
    string OwnerUserId,
    string Kind,
    string? Preset,
    string BaseUrl,
    bool Enabled,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Options,
    JsonNode? ExtraBody,
    IReadOnlyList<KeySnapshot> Keys,
    IReadOnlyList<ModelSnapshot>? Models);
