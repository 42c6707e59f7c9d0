namespace Switchboard.Console.Pages.Users;

/// <summary>Writes the body of <c>POST /api/admin/dispatch</c>.</summary>
public sealed record DispatchBody(IReadOnlyList<string> UserIds, string UsageKey);
