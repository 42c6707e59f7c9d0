using System.Text.Json.Serialization;

namespace Switchboard.Server.Overview;

/// <summary>A period's usage at a glance, for the console's Overview page and for scripts.</summary>
/// <remarks>Sources and the top users are shown to admins only; a user's own overview has null there and no provider cost.</remarks>
internal sealed record OverviewView(
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("bucket_seconds")] long BucketSeconds,
    [property: JsonPropertyName("user_id")] string? UserId,
    [property: JsonPropertyName("summary")] OverviewSummaryView Summary,
    [property: JsonPropertyName("series")] IReadOnlyList<OverviewBucketView> Series,
    [property: JsonPropertyName("top")] OverviewTopView Top,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceHealthView>? Sources);
