using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Holds the usage of one hour or day.</summary>
/// <param name="Start">When the bucket starts.</param>
/// <param name="Usage">The totals.</param>
internal sealed record UsageBucketView(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("usage")] UsageTotalsView Usage);
