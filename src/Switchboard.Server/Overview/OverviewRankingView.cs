using System.Text.Json.Serialization;

namespace Switchboard.Server.Overview;

/// <summary>One dimension's top groups by requests and by provider cost (by cost for admins only), largest first.</summary>
internal sealed record OverviewRankingView(
    [property: JsonPropertyName("by_requests")] IReadOnlyList<OverviewGroupView> ByRequests,
    [property: JsonPropertyName("by_cost")] IReadOnlyList<OverviewGroupView>? ByCost);
