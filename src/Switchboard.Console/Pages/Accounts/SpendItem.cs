namespace Switchboard.Console.Pages.Accounts;

/// <summary>Reads the <c>spend</c> of a key or user (the admin lists and <c>/api/v1/status/me</c>): what is spent of its budget in the current window, held by requests in flight, and left.</summary>
public sealed record SpendItem(
    decimal Spent,
    decimal Reserved,
    decimal Remaining,
    decimal UsedPercent,
    DateTimeOffset WindowStart,
    DateTimeOffset? WindowEnd);
