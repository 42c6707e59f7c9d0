using System.Text.Json.Serialization;
using Switchboard.Server.Admin;
using Switchboard.Server.Tenancy;

namespace Switchboard.Server.Identity;

/// <summary>Who the caller is: user, role, the tenancy mode, the virtual key used (masked) and the user's record, each with spend against budget.</summary>
internal sealed record CallerView(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("is_admin")] bool IsAdmin,
    [property: JsonPropertyName("tenancy_mode")] string TenancyMode,
    [property: JsonPropertyName("key")] VirtualKeyEndpoints.VirtualKeyView? Key,
    [property: JsonPropertyName("user")] UserView? User);
