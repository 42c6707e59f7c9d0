namespace Switchboard.Console.Pages.Overview;

/// <summary>Reads the period's top models, users (admins only) and virtual keys.</summary>
public sealed record OverviewTop(OverviewRanking Models, OverviewRanking? Users, OverviewRanking Keys);
