using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Errors;
using Switchboard.Core.Pipeline;
using Switchboard.Server.Auth;

namespace Switchboard.Server.Tenancy;

/// <summary>Small helpers shared by the tenancy routes.</summary>
internal static class TenancyHttp
{
    /// <summary>Gets the name recorded as who changed a setting: <c>admin</c> for the bootstrap key, else the caller's user id.</summary>
    public static string Actor(HttpContext context)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        return caller.UserId == SystemUser.Id ? "admin" : caller.UserId;
    }

    /// <summary>Returns the owner for the user platform routes, or why the caller may not change platforms there.</summary>
    /// <remarks>
    /// In <c>single</c> mode every key acts as the system user, so "my platform" would be a system platform: only an admin may
    /// do that (and the admin routes are the usual way). Without this check a plain user key could add or delete the server's platforms.
    /// </remarks>
    public static (string? Owner, GatewayError? Error) PlatformOwner(CallerIdentity caller) =>
        caller.UserId == SystemUser.Id && !caller.IsAdmin
            ? (null, GatewayErrors.Forbidden("Private platforms need the 'multi-custom' mode and a key bound to a user; system platforms are changed by an admin."))
            : (caller.UserId, null);
}
