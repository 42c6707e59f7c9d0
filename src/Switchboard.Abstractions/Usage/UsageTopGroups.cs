namespace Switchboard.Abstractions.Usage;

/// <summary>Holds the top groups of one dimension twice: by number of requests and by provider cost, largest first.</summary>
/// <param name="ByRequests">The groups with the most requests.</param>
/// <param name="ByCost">The groups with the highest provider cost.</param>
public sealed record UsageTopGroups(IReadOnlyList<UsageGroup> ByRequests, IReadOnlyList<UsageGroup> ByCost);
