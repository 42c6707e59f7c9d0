namespace Switchboard.Abstractions.Usage;

/// <summary>Selects usage records by time range and, optionally, one user.</summary>
/// <param name="From">The inclusive start.</param>
/// <param name="To">The exclusive end.</param>
/// <param name="UserId">The user, or null for everyone.</param>
/// <remarks>
/// Sums count every record in the range once, read from the hourly and daily rollups for whole hours and days. Hours
/// whose raw records expired (older than the oldest raw record) count when their hour starts inside the range.
/// The optional <see cref="AgentName"/>, <see cref="Slot"/> and <see cref="CatalogModel"/> filters treat null as
/// "any" and the empty string as "records without one", so a caller can select exactly its own records.
/// </remarks>
public sealed record UsageQuery(DateTimeOffset From, DateTimeOffset To, string? UserId = null)
{
    /// <summary>Gets the agent name to select (<c>""</c> selects records without one), or null for any.</summary>
    public string? AgentName { get; init; }

    /// <summary>Gets the usage slot to select (<c>""</c> selects records without one), or null for any.</summary>
    public string? Slot { get; init; }

    /// <summary>Gets the catalog model to select (<c>""</c> selects records without one), or null for any.</summary>
    public string? CatalogModel { get; init; }
}
