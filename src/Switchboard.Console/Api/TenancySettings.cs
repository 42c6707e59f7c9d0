namespace Switchboard.Console.Api;

/// <summary>Reads <c>GET /api/admin/tenancy</c>: the tenancy mode and AutoKey.</summary>
public sealed record TenancySettings(string Mode, bool AutoKey);
