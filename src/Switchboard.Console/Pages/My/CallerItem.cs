using Switchboard.Console.Pages.Keys;
using Switchboard.Console.Pages.Users;

namespace Switchboard.Console.Pages.My;

/// <summary>Reads <c>GET /api/v1/status/me</c>: who the caller is, the virtual key they used and their user record, each with spend against its budget.</summary>
public sealed record CallerItem(string UserId, string Role, bool IsAdmin, string TenancyMode, KeyItem? Key, UserItem? User);
