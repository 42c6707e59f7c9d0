using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Reports usage over a period: totals, groups and a timeline.</summary>
/// <param name="Period">The period asked for.</param>
/// <param name="From">The inclusive start.</param>
/// <param name="To">The exclusive end.</param>
/// <param name="UserId">The user, or null for everyone.</param>
/// <param name="GroupBy">The grouping of groups.</param>
/// <param name="Interval">Hour or day.</param>
/// <param name="Totals">The totals.</param>
/// <param name="Groups">The totals per group.</param>
/// <param name="Timeline">The totals per hour or day.</param>
internal sealed record UsageView(
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("group_by")] string GroupBy,
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("totals")] UsageTotalsView Totals,
    [property: JsonPropertyName("groups")] IReadOnlyList<UsageGroupView> Groups,
    [property: JsonPropertyName("timeline")] IReadOnlyList<UsageBucketView> Timeline);
