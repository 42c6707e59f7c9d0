namespace Switchboard.Abstractions.Usage;

/// <summary>Selects usage records by time range and, optionally, one user.</summary>
/// <param name="From">The inclusive start.</param>
/// <param name="To">The exclusive end.</param>
/// <param name="UserId">The user, or null for everyone.</param>
/// <remarks>Hourly rollups (kept after raw records expire) count when their hour starts inside the range.</remarks>
public sealed record UsageQuery(DateTimeOffset From, DateTimeOffset To, string? UserId = null);
