namespace Switchboard.Console.Pages.Users;

/// <summary>Writes the body of <c>PUT /api/admin/tenancy</c>.</summary>
public sealed record TenancyBody(string Mode, bool AutoKey);
