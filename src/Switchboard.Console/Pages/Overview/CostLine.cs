namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads revenue (user price), provider cost and margin of one group or of the total.</summary>
public sealed record CostLine(string? Key, long Requests, decimal Revenue, decimal Cost, decimal Margin, decimal? MarginPercent);
