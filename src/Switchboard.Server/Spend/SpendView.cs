using System.Text.Json.Serialization;

namespace Switchboard.Server.Spend;

/// <summary>One budget and what is spent of it in the current window, read from the limit counters that enforce it.</summary>
/// <param name="Scope">Whose budget: <c>key</c> (a virtual key) or <c>user</c>.</param>
/// <param name="Id">The key's id or the user's id.</param>
/// <param name="Name">The key's name or the user's display name, when there is one.</param>
/// <param name="Budget">The budget in USD at the user price.</param>
/// <param name="BudgetPeriod">The window the budget counts over: day, week, month or total.</param>
/// <param name="WindowStart">The start of the current window (UTC, calendar-aligned).</param>
/// <param name="WindowEnd">The end of the current window, or null for a total budget.</param>
/// <param name="Spent">What settled requests spent in the window.</param>
/// <param name="Reserved">What requests in flight hold of the budget.</param>
/// <param name="Remaining">What is left: budget minus spent and reserved, never below zero.</param>
internal sealed record SpendView(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("budget")] decimal Budget,
    [property: JsonPropertyName("budget_period")] string BudgetPeriod,
    [property: JsonPropertyName("window_start")] DateTimeOffset WindowStart,
    [property: JsonPropertyName("window_end")] DateTimeOffset? WindowEnd,
    [property: JsonPropertyName("spent")] decimal Spent,
    [property: JsonPropertyName("reserved")] decimal Reserved,
    [property: JsonPropertyName("remaining")] decimal Remaining);
