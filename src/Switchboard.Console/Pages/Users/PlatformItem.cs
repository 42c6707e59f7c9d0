namespace Switchboard.Console.Pages.Users;

/// <summary>Reads one private platform of a user with its models; the API never sends its key.</summary>
public sealed record PlatformItem(long Id, string Name, string Kind, string? Preset, string BaseUrl, bool Enabled, IReadOnlyList<PlatformModelItem>? Models);
