namespace Switchboard.Console.Pages.Keys;

/// <summary>Writes the body of <c>POST /api/admin/keys</c>; unset fields are left out, so the gateway's defaults apply.</summary>
public sealed record CreateKeyBody(
    string? Name,
    string? UserId,
    string? Role,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<string>? AllowedModels,
    decimal? Budget,
    string? BudgetPeriod,
    int? Rpm,
    long? Tpm,
    int? MaxParallel);
