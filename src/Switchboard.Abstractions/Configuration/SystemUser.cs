namespace Switchboard.Abstractions.Configuration;

/// <summary>Holds the id of the system user, which stands for "no user", and the rule for which ids may name a tenant user.</summary>
public static class SystemUser
{
    /// <summary>The system user id.</summary>
    public const string Id = "-1";

    /// <summary>The name recorded as the actor of changes made with the bootstrap admin key.</summary>
    public const string AdminActor = "admin";

    /// <summary>The longest user id accepted.</summary>
    public const int MaxUserIdLength = 128;

    /// <summary>Returns whether <paramref name="id"/> may name a tenant user: not empty, not an id the gateway itself uses, no control characters and at most <see cref="MaxUserIdLength"/> characters.</summary>
    /// <remarks>
    /// The reserved ids are the system user (<c>-1</c>, which owns the server's platforms, slots and usage) and the admin key's
    /// actor name; an identity from outside (a signed token's subject, a new user) that took one of them would act as the system
    /// or be recorded as the admin.
    /// </remarks>
    public static bool IsAcceptableUserId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxUserIdLength || id != id.Trim()
            || id == Id || string.Equals(id, AdminActor, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsControl(id[i]))
            {
                return false;
            }

            if (char.IsHighSurrogate(id[i]) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(id[i]))
            {
                return false;
            }
        }

        return true;
    }
}
