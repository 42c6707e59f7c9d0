namespace Switchboard.Console.Pages.Alerts;

/// <summary>Reads one raised alert.</summary>
public sealed record AlertItem(long Id, string Kind, string Severity, string Subject, string Message, double Value, double Threshold, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
