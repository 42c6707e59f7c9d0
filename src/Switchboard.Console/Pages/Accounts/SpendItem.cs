namespace Switchboard.Console.Pages.Accounts;

/// <summary>Reads one budget of <c>/api/admin/spend</c> or <c>/api/v1/status/budget</c>: whose, how much, and what is spent of it now.</summary>
public sealed record SpendItem(
    string Scope,
    string Id,
    string? Name,
    decimal Budget,
    string BudgetPeriod,
    DateTimeOffset WindowStart,
    DateTimeOffset? WindowEnd,
    decimal Spent,
    decimal Reserved,
    decimal Remaining);
