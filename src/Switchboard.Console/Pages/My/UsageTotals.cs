namespace Switchboard.Console.Pages.My;

/// <summary>Reads the totals of <c>GET /api/v1/status/usage</c>: requests, tokens and what the caller was charged.</summary>
public sealed record UsageTotals(long Requests, long Errors, long InputTokens, long OutputTokens, long TotalTokens, decimal UserPrice);
