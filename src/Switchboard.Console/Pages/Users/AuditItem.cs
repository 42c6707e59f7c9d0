namespace Switchboard.Console.Pages.Users;

/// <summary>Reads who changed what and when from one entry of <c>GET /api/admin/audit</c> (before and after are not read).</summary>
public sealed record AuditItem(long Id, DateTimeOffset Time, string Actor, string Action, string TargetType, string Target);
