namespace Switchboard.Console.Pages.Users;

/// <summary>Writes the body of <c>PUT /api/admin/users/{id}</c>; a field left null keeps its value.</summary>
public sealed record UserBody(string? Role, string? Tier, string? Status, string? DisplayName, decimal? Budget, string? BudgetPeriod);
