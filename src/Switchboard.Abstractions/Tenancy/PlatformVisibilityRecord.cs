namespace Switchboard.Abstractions.Tenancy;

/// <summary>Records that a user hid (or showed again) a platform in their own listings.</summary>
public sealed record PlatformVisibilityRecord(string UserId, long PlatformId, bool Hidden);
