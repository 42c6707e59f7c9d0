namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads <c>GET /api/v1/status/usage/overview</c>: a period's summary, series, top lists and, for admins, source health.</summary>
/// <remarks>For a user key the route answers with the caller's own records: no provider cost, margin, top users or sources.</remarks>
public sealed record UsageOverview(DateTimeOffset From, DateTimeOffset To, string Bucket, long BucketSeconds, string? UserId, OverviewSummary Summary, IReadOnlyList<OverviewBucket> Series, OverviewTop Top, IReadOnlyList<SourceHealth>? Sources);
