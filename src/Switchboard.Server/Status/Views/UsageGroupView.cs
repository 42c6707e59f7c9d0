using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Holds the usage of one group.</summary>
/// <param name="Key">The group's value.</param>
/// <param name="Usage">The totals.</param>
internal sealed record UsageGroupView(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("usage")] UsageTotalsView Usage);
