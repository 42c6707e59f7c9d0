namespace Switchboard.Console.Pages.My;

/// <summary>Reads the answer to creating a private platform: its id and name.</summary>
public sealed record CreatedPlatform(long Id, string Name);
