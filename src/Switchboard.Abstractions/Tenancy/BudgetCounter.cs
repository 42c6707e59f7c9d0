namespace Switchboard.Abstractions.Tenancy;

/// <summary>Holds one scope's budget counter for one window: what is spent and what requests in flight hold, in nano-USD.</summary>
/// <param name="Scope">The limit scope (<c>key:&lt;id&gt;</c> or <c>user:&lt;id&gt;</c>).</param>
/// <param name="WindowStart">The start of the budget window.</param>
/// <param name="SpentNanos">The settled spend.</param>
/// <param name="ReservedNanos">The reservations of requests not settled yet.</param>
public sealed record BudgetCounter(string Scope, DateTimeOffset WindowStart, long SpentNanos, long ReservedNanos);
