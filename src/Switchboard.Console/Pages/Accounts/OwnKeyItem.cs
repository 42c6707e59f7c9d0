namespace Switchboard.Console.Pages.Accounts;

/// <summary>Reads one upstream key a user brought, as the platform-keys listings show it: masked only.</summary>
public sealed record OwnKeyItem(long PlatformId, string PlatformName, bool PlatformIsSys, string Masked);
