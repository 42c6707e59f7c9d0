namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads one system platform's key pool: keys, keys cooling down, and healthy, degraded or unavailable.</summary>
public sealed record PlatformHealth(string Name, string Kind, int Keys, int KeysCooling, string Status);
