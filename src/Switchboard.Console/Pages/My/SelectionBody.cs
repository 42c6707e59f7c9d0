namespace Switchboard.Console.Pages.My;

/// <summary>Writes the body of <c>POST /api/ai/user-selection</c>: bind a slot to a model.</summary>
public sealed record SelectionBody(string UsageKey, string Model);
