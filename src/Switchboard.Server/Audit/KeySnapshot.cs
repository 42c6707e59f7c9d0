namespace Switchboard.Server.Audit;

/// <summary>An upstream key as the audit log records it: masked, never in full.</summary>
internal sealed record KeySnapshot(
    long Id,
    long PlatformId,
    string OwnerUserId,
    string Masked,
    string? Label,
    int Weight,
    int Priority,
    string Status,
    KeyQuotaSnapshot? Quota);
