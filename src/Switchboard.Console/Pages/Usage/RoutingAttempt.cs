namespace Switchboard.Console.Pages.Usage;

/// <summary>Reads one upstream attempt of a routing log entry; the key appears by id only.</summary>
public sealed record RoutingAttempt(string Source, long? KeyId, string Outcome, string? Blamed, double DurationMs);
