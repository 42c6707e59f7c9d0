namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads one upstream key of a platform, masked: its status and cooldown now, and its success rates.</summary>
public sealed record SourceKeyHealth(long Id, string Masked, string Status, DateTimeOffset? CoolingUntil, double RecentSuccessRate, long Requests, long Errors, double? SuccessRate);
