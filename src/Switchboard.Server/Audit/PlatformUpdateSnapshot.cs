namespace Switchboard.Server.Audit;

/// <summary>The after side of a platform change: the platform, whether its host moved, and the users' keys that were dropped.</summary>
internal sealed record PlatformUpdateSnapshot(PlatformSnapshot Platform, bool HostChanged, IReadOnlyList<KeySnapshot> UsersKeysDropped);
