using Switchboard.Server.Tenancy;

namespace Switchboard.Server.Audit;

/// <summary>A created platform as the audit log records it: the platform, its owner and its first key (masked).</summary>
internal sealed record PlatformCreateSnapshot(PlatformView Platform, string? OwnerUserId, string? Key);
