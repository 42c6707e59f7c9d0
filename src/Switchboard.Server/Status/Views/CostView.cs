using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports revenue, cost and margin over a period, grouped.</summary>
/// <param name="Period">The period asked for.</param>
/// <param name="From">The inclusive start.</param>
/// <param name="To">The exclusive end.</param>
/// <param name="GroupBy">Provider, platform, model or user.</param>
/// <param name="Totals">The totals.</param>
/// <param name="Groups">One line per group.</param>
internal sealed record CostView(
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("group_by")] string GroupBy,
    [property: JsonPropertyName("totals")] CostLineView Totals,
    [property: JsonPropertyName("groups")] IReadOnlyList<CostLineView> Groups);
