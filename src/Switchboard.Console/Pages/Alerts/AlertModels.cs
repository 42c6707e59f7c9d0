namespace Switchboard.Console.Pages.Alerts;

/// <summary>Reads <c>GET /api/admin/alerts</c> (and the answer of evaluating the rules): alerts, newest first.</summary>
public sealed record AlertList(IReadOnlyList<AlertItem> Data);

/// <summary>Reads one raised alert.</summary>
public sealed record AlertItem(long Id, string Kind, string Severity, string Subject, string Message, double Value, double Threshold, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
