namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads one model, user or virtual key of a top list; a null key is requests without one.</summary>
public sealed record OverviewGroup(string? Key, long Requests, long Errors, long TotalTokens, decimal UserRevenue, decimal? ProviderCost, decimal? Margin);
