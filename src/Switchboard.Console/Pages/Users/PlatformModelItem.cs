namespace Switchboard.Console.Pages.Users;

/// <summary>Reads one model of a platform: its display name and the upstream model it sends.</summary>
public sealed record PlatformModelItem(long Id, long PlatformId, string DisplayName, string ModelName);
