using Switchboard.Console.Pages.Accounts;

namespace Switchboard.Console.Pages.Users;

/// <summary>Reads one user of <c>GET /api/admin/users</c> (or the caller's own record, in <c>/api/v1/status/me</c>), with spend against their budget.</summary>
public sealed record UserItem(
    string Id,
    string Role,
    string Tier,
    string Status,
    string? DisplayName,
    decimal? Budget,
    string BudgetPeriod,
    int? Rpm,
    long? Tpm,
    int? MaxParallel,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SpendItem? Spend = null);
