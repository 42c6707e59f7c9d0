namespace Switchboard.Abstractions.Tenancy;

/// <summary>Holds a scope's current counters.</summary>
public sealed record LimitCounters(long SpentNanos, long ReservedNanos, int Requests, long Tokens);
