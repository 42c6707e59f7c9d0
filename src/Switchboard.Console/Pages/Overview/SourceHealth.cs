namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads one system platform at a glance: its pool's status now, its traffic in the period, and each key (masked).</summary>
public sealed record SourceHealth(string Platform, string Kind, string Status, long Requests, long Errors, double? SuccessRate, IReadOnlyList<SourceKeyHealth> Keys);
