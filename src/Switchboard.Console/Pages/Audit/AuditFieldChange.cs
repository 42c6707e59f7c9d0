namespace Switchboard.Console.Pages.Audit;

/// <summary>Holds one changed field of an audit entry: its name (empty for the whole value) and its JSON before and after.</summary>
public sealed record AuditFieldChange(string Field, string Before, string After);
