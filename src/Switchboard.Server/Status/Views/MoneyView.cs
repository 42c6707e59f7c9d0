using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Sums money from the live counters (approximate; the usage endpoints are exact).</summary>
/// <param name="Cost">Provider cost.</param>
/// <param name="Revenue">User price.</param>
internal sealed record MoneyView(
    [property: JsonPropertyName("cost")] double Cost,
    [property: JsonPropertyName("revenue")] double Revenue);
