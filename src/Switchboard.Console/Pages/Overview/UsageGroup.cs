namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads the usage of one group (a model, user, key, platform…); the key is null for requests without one.</summary>
public sealed record UsageGroup(string? Key, UsageTotals Usage);
