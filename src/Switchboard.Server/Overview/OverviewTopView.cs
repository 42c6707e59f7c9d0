using System.Text.Json.Serialization;

namespace Switchboard.Server.Overview;

/// <summary>The period's top models, users and virtual keys; users are shown to admins only.</summary>
internal sealed record OverviewTopView(
    [property: JsonPropertyName("models")] OverviewRankingView Models,
    [property: JsonPropertyName("users")] OverviewRankingView? Users,
    [property: JsonPropertyName("keys")] OverviewRankingView Keys);
