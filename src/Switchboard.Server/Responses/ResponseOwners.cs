using System.Globalization;
using Switchboard.Abstractions.Configuration;
using Switchboard.Core.Pipeline;

namespace Switchboard.Server.Responses;

/// <summary>Decides whose a stored response is, so that a caller reads, continues and deletes only its own.</summary>
internal static class ResponseOwners
{
    /// <summary>Returns the owner key of <paramref name="caller"/>: its user in the multi-user modes, else (everyone is the system user) the virtual key that called, or the admin key.</summary>
    public static string Of(CallerIdentity caller) => caller.UserId != SystemUser.Id
        ? "user:" + caller.UserId
        : caller.VirtualKeyId is { } key ? "key:" + key.ToString(CultureInfo.InvariantCulture) : "admin";
}
