namespace Switchboard.Console.Pages.Usage;

/// <summary>Reads <c>GET /api/admin/routing-log/{requestId}</c>: the ranked candidates, the choice and why, and every attempt.</summary>
public sealed record RoutingLogEntry(
    string RequestId,
    DateTimeOffset Timestamp,
    string Endpoint,
    string Model,
    string Strategy,
    IReadOnlyList<string> Candidates,
    int SourceCount,
    string? Chosen,
    string Reason,
    bool Sticky,
    bool Panic,
    IReadOnlyList<RoutingAttempt> Attempts,
    string Status,
    int HttpStatus,
    string? ErrorType,
    double LatencyMs);
