namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads the usage of one hour or day of the timeline.</summary>
public sealed record UsageBucket(DateTimeOffset Start, UsageTotals Usage);
