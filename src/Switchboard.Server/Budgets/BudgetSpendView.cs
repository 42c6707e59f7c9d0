using System.Text.Json.Serialization;

namespace Switchboard.Server.Budgets;

/// <summary>A budget's current window: what is spent (at the user price), what requests in flight hold, and what is left, in USD.</summary>
internal sealed record BudgetSpendView(
    [property: JsonPropertyName("spent")] decimal Spent,
    [property: JsonPropertyName("reserved")] decimal Reserved,
    [property: JsonPropertyName("remaining")] decimal Remaining,
    [property: JsonPropertyName("used_percent")] decimal UsedPercent,
    [property: JsonPropertyName("window_start")] DateTimeOffset WindowStart,
    [property: JsonPropertyName("window_end")] DateTimeOffset? WindowEnd);
