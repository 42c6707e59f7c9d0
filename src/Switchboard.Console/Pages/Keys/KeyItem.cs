using Switchboard.Console.Pages.Accounts;

namespace Switchboard.Console.Pages.Keys;

/// <summary>Reads one virtual key of <c>GET /api/admin/keys</c> (or the caller's own, in <c>/api/v1/status/me</c>): masked, never the secret, with spend against its budget.</summary>
public sealed record KeyItem(
    long Id,
    string Masked,
    string? Name,
    string UserId,
    string Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<string> AllowedModels,
    decimal? Budget,
    string BudgetPeriod,
    int? Rpm,
    long? Tpm,
    int? MaxParallel,
    SpendItem? Spend = null);
