namespace Switchboard.Console.Pages.Users;

/// <summary>Reads what one user resolves to for a slot: the dispatcher query's answer.</summary>
public sealed record DispatchItem(string UserId, string Role, string Tier, string UsageKey, string? Model, string? Platform, string KeySource, string? Error);
