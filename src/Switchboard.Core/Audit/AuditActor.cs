using System.Globalization;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Pipeline;

namespace Switchboard.Core.Audit;

/// <summary>Names who made a change, unambiguously, from the caller's identity.</summary>
public static class AuditActor
{
    /// <summary>The actor of the bootstrap admin key (and of embedded calls as the system admin).</summary>
    public const string Admin = "admin";

    /// <summary>Returns the actor: <c>admin</c> for the bootstrap key, <c>key:&lt;id&gt;</c> for a virtual key of no user, else <c>user:&lt;id&gt;</c> (virtual key or signed token).</summary>
    /// <remarks>The prefixes keep a user who picked the id <c>admin</c> (or <c>key:1</c>) from passing for the bootstrap key.</remarks>
    public static string For(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId != SystemUser.Id)
        {
            return "user:" + caller.UserId;
        }

        return caller.VirtualKeyId is { } keyId ? "key:" + keyId.ToString(CultureInfo.InvariantCulture) : Admin;
    }
}
