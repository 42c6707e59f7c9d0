using System.Text.Json.Serialization;

namespace Switchboard.Server.Status.Views;

/// <summary>Counts requests by outcome.</summary>
/// <param name="Total">Finished requests.</param>
/// <param name="Success">Successful requests.</param>
/// <param name="Error">Failed requests.</param>
/// <param name="Cancelled">Requests the client abandoned.</param>
/// <param name="InFlight">Requests in flight.</param>
internal sealed record RequestCountsView(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("success")] long Success,
    [property: JsonPropertyName("error")] long Error,
    [property: JsonPropertyName("cancelled")] long Cancelled,
    [property: JsonPropertyName("in_flight")] long InFlight);
