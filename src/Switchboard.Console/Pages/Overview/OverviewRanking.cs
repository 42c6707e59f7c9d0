namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads one dimension's top groups by requests, and by provider cost for admins.</summary>
public sealed record OverviewRanking(IReadOnlyList<OverviewGroup> ByRequests, IReadOnlyList<OverviewGroup>? ByCost);
